// Sets of row slots (row-slots.ts) as bits, 32 slots a word: at 100,000 rows a set is 12.5 KB and an
// intersection or a count is ~3,000 word operations (microseconds), where a list of slots or a mask
// of bytes costs a pass over 100,000 entries. The search keeps its results this way (search-index.ts,
// sighting-view.ts).

/** Words of 32 bits for this many slots. */
export const wordsFor = (slots: number) => (slots + 31) >>> 5;

export const hasBit = (bits: Uint32Array, s: number) => ((bits[s >>> 5]! >>> (s & 31)) & 1) === 1;

export function setBit(bits: Uint32Array, s: number, on: boolean): void {
  if (on) bits[s >>> 5]! |= 1 << (s & 31);
  else bits[s >>> 5]! &= ~(1 << (s & 31));
}

/** The same bits in an array of `words` words (longer: zeros after; shorter: cut). */
export function resized(bits: Uint32Array, words: number): Uint32Array {
  if (bits.length === words) return bits;
  const out = new Uint32Array(words);
  out.set(bits.length > words ? bits.subarray(0, words) : bits);
  return out;
}

/** a ∩ b into `out` (which may be a or b). */
export function intersect(out: Uint32Array, a: Uint32Array, b: Uint32Array): Uint32Array {
  for (let i = 0; i < out.length; i++) out[i] = a[i]! & b[i]!;
  return out;
}

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function count(bits: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < bits.length; i++) if (bits[i]) n += popcount32(bits[i]!);
  return n;
}

/** |a ∩ b|, without building it. */
export function countBoth(a: Uint32Array, b: Uint32Array): number {
  let n = 0;
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) {
    const x = a[i]! & b[i]!;
    if (x) n += popcount32(x);
  }
  return n;
}
