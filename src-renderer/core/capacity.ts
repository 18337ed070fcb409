// How much room a growing array of slots makes (bit sets, orders, keys). Doubling left a crisis
// opened at 100,000 rows with room for 131,072 in each of its ~1,700 bit sets and orders (a few MB
// of the heap). An open knows its size: an eighth more. `current`: the room to grow from at least by
// half (the view's bit sets, all copied at each growth: a sync that grows the crisis batch by batch
// copies them a dozen times, not once per batch); 0 for a single array, cheap to copy.
export function roomFor(needed: number, current: number): number {
  return Math.max(1024, needed + (needed >> 3), current + (current >> 1));
}
