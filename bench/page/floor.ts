// The floor of a per-keystroke measure on a shared machine: the same number of runs of a fixed loop
// lasting about the measured median, so what preemption and collections add to a p95 shows beside it.

export const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

export function spinFloor(times: number[]): { p50: number; p95: number; sink: number } {
  const median = percentile(times, 0.5);
  let spins = 1000;
  for (let c0 = performance.now(), x = 0; performance.now() - c0 < median * 20 && spins < 1e8; spins *= 2) for (let k = 0; k < spins; k++) x = Math.imul(x + k, 31);
  spins = Math.max(1, Math.round(spins / 40));
  const floor: number[] = [];
  let sink = 0;
  for (let i = 0; i < times.length; i++) {
    const c0 = performance.now();
    for (let k = 0; k < spins; k++) sink = Math.imul(sink + k, 31);
    floor.push(performance.now() - c0);
  }
  return { p50: percentile(floor, 0.5), p95: percentile(floor, 0.95), sink };
}
