/**
 * The bench's yardstick: the f32x4 mul+add throughput of this machine's WebAssembly, from a
 * tight loop of 10 independent chains acc = acc * m + a (8 flops per chain and iteration),
 * assembled with wabt at bench time. Returns the median GFLOP/s of `repeats` timed runs.
 */
import wabtFactory from 'wabt';

const CHAINS = 10;

function peakWat(): string {
  const accs = Array.from({ length: CHAINS }, (_, i) => `$a${i}`);
  const updates = accs.map((acc) => `(local.set ${acc} (f32x4.add (f32x4.mul (local.get ${acc}) (local.get $m)) (local.get $c)))`);
  const sum = accs.slice(1).reduce((expr, acc) => `(f32x4.add ${expr} (local.get ${acc}))`, `(local.get ${accs[0]})`);
  return `(module
  (func (export "peak") (param $iterations i32) (result f32)
    (local $m v128) (local $c v128) ${accs.map((acc) => `(local ${acc} v128)`).join(' ')}
    (local.set $m (v128.const f32x4 0.9999 0.9999 0.9999 0.9999))
    (local.set $c (v128.const f32x4 0.0001 0.0001 0.0001 0.0001))
    ${accs.map((acc, i) => `(local.set ${acc} (v128.const f32x4 ${i} ${i} ${i} ${i}))`).join('\n    ')}
    (loop $l
      ${updates.join('\n      ')}
      (br_if $l (local.tee $iterations (i32.sub (local.get $iterations) (i32.const 1)))))
    (f32x4.extract_lane 0 ${sum})))`;
}

/** Median GFLOP/s of the f32x4 mul+add loop over `repeats` runs of `iterations` iterations. */
export async function measureWasmSimdPeak(iterations = 20_000_000, repeats = 5): Promise<number> {
  const wabt = await wabtFactory();
  const parsed = wabt.parseWat('peak.wat', peakWat(), { simd: true });
  const { buffer } = parsed.toBinary({});
  parsed.destroy();
  const instance = new WebAssembly.Instance(new WebAssembly.Module(Uint8Array.from(buffer)), {});
  const peak = instance.exports.peak as (iterations: number) => number;
  peak(100_000); // compile tiers up
  const rates: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    peak(iterations);
    const seconds = (performance.now() - start) / 1000;
    rates.push((iterations * CHAINS * 8) / seconds / 1e9);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)];
}
