import { afterEach, describe, expect, it, vi } from 'vitest';
import { Slicer } from '../../../src-renderer/core/slicer';

/** A clock the test moves: each item of work advances it by `costMs`. */
function fakeClock() {
  let t = 1000;
  let reads = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => (reads++, t));
  return { advance: (ms: number) => (t += ms), reads: () => reads, now: () => t };
}

afterEach(() => vi.restoreAllMocks());

describe('Slicer.due', () => {
  it('reads the clock rarely for cheap items, and still says so soon after the budget', () => {
    const clock = fakeClock();
    const slicer = new Slicer(12);
    const start = clock.now();
    let calls = 0;
    while (!slicer.due()) {
      clock.advance(0.001); // 1 µs per item
      calls++;
    }
    expect(calls).toBeGreaterThan(11_000);
    expect(clock.reads()).toBeLessThan(calls / 6);
    expect(clock.now() - start).toBeGreaterThanOrEqual(12);
    expect(clock.now() - start).toBeLessThan(12 + 1.5);
  });

  it('reads it at every item when items are long, so a slice is never stretched', () => {
    const clock = fakeClock();
    const slicer = new Slicer(12);
    const start = clock.now();
    // Cheap items first (the stride grows), then long ones: it must shrink back at once.
    for (let i = 0; i < 5000; i++) {
      if (slicer.due()) break;
      clock.advance(0.0005);
    }
    const before = clock.now();
    let long = 0;
    while (!slicer.due()) {
      clock.advance(3);
      long++;
    }
    expect(clock.now() - start).toBeGreaterThanOrEqual(12);
    // At most eight long items (the longest stride) before it reads the clock again.
    expect(clock.now() - Math.max(start + 12, before)).toBeLessThanOrEqual(3 * 8);
    expect(long).toBeGreaterThan(0);
  });
});
