import { describe, expect, it } from 'vitest';
import { unconfirmedChanges } from '../../../src-renderer/core/sync-status';

describe('modifications locales non confirmées', () => {
  const local = new Map([[1, 10], [2, 5], [99, 400]]);
  it('compte tout tant qu’aucun pair ne répond', () => {
    expect(unconfirmedChanges(local, [1, 2], [])).toBe(15);
  });
  it('retient le pair le plus avancé pour chacune de mes sessions, ignore les autres auteurs', () => {
    const a = new Map([[1, 10], [99, 400]]);
    const b = new Map([[1, 4], [2, 3]]);
    expect(unconfirmedChanges(local, [1, 2], [a, b])).toBe(2);
    expect(unconfirmedChanges(local, [1, 2, 2], [a, new Map([[2, 5]])])).toBe(0);
  });
});
