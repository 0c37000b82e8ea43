/**
 * Ascending sort of float32 values by LSD radix (4 passes of 8 bits) on order-preserving
 * integer keys: about twice as fast as TypedArray#sort for the few hundred values per unit
 * that drift sorts at every snapshot. NaN sorts last (it never reaches here: diverged
 * networks are not measured).
 */

/** Reusable buffers of one sorter; grows on demand. */
export interface Float32Sorter {
  /** Sort `values` in place, ascending (same order as Float32Array#sort for finite values). */
  sort(values: Float32Array): void;
}

/** Creates a sorter with its own scratch buffers (not shared between threads). */
export function createFloat32Sorter(): Float32Sorter {
  let keys = new Uint32Array(0);
  let scratch = new Uint32Array(0);
  const count = new Uint32Array(256);
  return {
    sort(values: Float32Array): void {
      const n = values.length;
      if (n < 2) return;
      if (keys.length < n) {
        keys = new Uint32Array(n);
        scratch = new Uint32Array(n);
      }
      const bits = new Uint32Array(values.buffer, values.byteOffset, n);
      // Flip the sign bit of positives, all bits of negatives: unsigned order = float order.
      for (let i = 0; i < n; i++) {
        const b = bits[i];
        keys[i] = b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
      }
      let from = keys;
      let to = scratch;
      for (let shift = 0; shift < 32; shift += 8) {
        count.fill(0);
        for (let i = 0; i < n; i++) count[(from[i] >>> shift) & 255]++;
        let offset = 0;
        for (let b = 0; b < 256; b++) {
          const c = count[b];
          count[b] = offset;
          offset += c;
        }
        for (let i = 0; i < n; i++) {
          const k = from[i];
          to[count[(k >>> shift) & 255]++] = k;
        }
        const swap = from;
        from = to;
        to = swap;
      }
      for (let i = 0; i < n; i++) {
        const k = from[i];
        bits[i] = k & 0x80000000 ? (k & 0x7fffffff) >>> 0 : ~k >>> 0;
      }
    },
  };
}
