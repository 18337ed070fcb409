import { describe, expect, it } from 'vitest';
import { roomFor } from '../../../src-renderer/core/capacity';

describe('place réservée', () => {
  it('laisse un huitième de plus à l’ouverture, pas le double', () => {
    expect(roomFor(100_000, 0)).toBe(112_500);
    expect(roomFor(10, 0)).toBe(1024);
  });

  it('grandit d’au moins moitié quand elle part d’une place déjà faite', () => {
    expect(roomFor(1025, 1024)).toBe(1536);
    // A growth of a few rows a time: a dozen reallocations from 1,024 to 100,000, not thousands.
    let room = 1024;
    let growths = 0;
    for (let n = 1; n <= 100_000; n += 300)
      if (n > room) {
        room = roomFor(n, room);
        growths++;
      }
    expect(growths).toBeLessThanOrEqual(12);
    expect(room).toBeGreaterThanOrEqual(100_000);
  });
});
