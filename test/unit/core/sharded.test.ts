// Large maps and sets in shards (core/sharded.ts): the same answers as a Map and a Set.
import { describe, expect, it } from 'vitest';
import { ShardedMap, ShardedSet } from '../../../src-renderer/core/sharded';

describe('ShardedMap, ShardedSet', () => {
  it('répondent comme Map et Set : clés texte et nombres, doublons, absents, itération complète', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? `sig-${i}-${(i * 7919).toString(36)}` : i));
    const map = new ShardedMap<string | number, number>();
    const set = new ShardedSet<string | number>();
    const plain = new Map<string | number, number>();
    for (const [i, k] of keys.entries()) {
      map.set(k, i);
      set.add(k);
      plain.set(k, i);
    }
    map.set(keys[10]!, -1); // replaced, not counted twice
    plain.set(keys[10]!, -1);
    set.add(keys[10]!);
    expect(map.size).toBe(plain.size);
    expect(set.size).toBe(plain.size);
    for (const k of [...keys, 'absent', 'a', '', -3]) {
      expect(map.get(k)).toBe(plain.get(k));
      expect(map.has(k)).toBe(plain.has(k));
      expect(set.has(k)).toBe(plain.has(k));
    }
    expect(new Map(map)).toEqual(plain);
    expect(new Set(map.keys())).toEqual(new Set(plain.keys()));
    expect([...map.values()].sort((a, b) => a - b)).toEqual([...plain.values()].sort((a, b) => a - b));
    expect(new Set(set)).toEqual(new Set(plain.keys()));
    // Keys spread over the shards (none left empty with this many).
    const shards = (map as unknown as { shards: Map<unknown, unknown>[] }).shards;
    expect(Math.min(...shards.map((s) => s.size))).toBeGreaterThan(0);
  });
});
