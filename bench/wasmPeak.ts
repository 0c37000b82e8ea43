/**
 * The bench's yardstick: the f32x4 mul+add throughput of this machine's WebAssembly, from a
 * tight loop of independent chains acc = acc * m + a (8 flops per chain and iteration),
 * assembled with wabt at bench time. A chain's mul then add must wait for each other, so too
 * few chains measure latency, not throughput: 10 chains reach 37.7 GFLOP/s on this host's
 * AMD EPYC (3-cycle mul and add on 2 + 2 pipes) where 12 reach 45.9, and 14 spill registers
 * (24 GFLOP/s). The peak is the best of several chain counts, each the median of its runs.
 */
import wabtFactory from 'wabt';

/** Chain counts tried: enough for a 4-cycle latency on two FP ports (Intel) or 3 cycles on four (AMD), under V8's 15 free SIMD registers. */
const CHAIN_COUNTS = [8, 10, 12, 13];

function peakWat(chains: number): string {
  const accs = Array.from({ length: chains }, (_, i) => `$a${i}`);
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

/** The f32x4 mul+add peak in GFLOP/s: for each chain count the median of `repeats` runs of `iterations` iterations; the best of those. */
export async function measureWasmSimdPeak(iterations = 20_000_000, repeats = 5): Promise<number> {
  const wabt = await wabtFactory();
  let best = 0;
  for (const chains of CHAIN_COUNTS) {
    const parsed = wabt.parseWat('peak.wat', peakWat(chains), { simd: true });
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
      rates.push((iterations * chains * 8) / seconds / 1e9);
    }
    rates.sort((a, b) => a - b);
    best = Math.max(best, rates[Math.floor(rates.length / 2)]);
  }
  return best;
}
