// The live duplicate index (ui/sightings/duplicate-index.ts): when the store swaps in a whole crisis
// it goes through every row in idle slices, without copying their ids, and what changes meanwhile is
// indexed too.
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_FIELDS, type Sighting } from '../../../src-renderer/core/sighting';
import { LiveDuplicateIndex } from '../../../src-renderer/ui/sightings/duplicate-index';

const row = (id: string, text: string): Sighting => ({ ...DEFAULT_FIELDS, id, text, createdAt: 1, createdBy: 'a', updatedAt: 1, updatedBy: 'a' });

describe('index des doublons, tenu à jour', () => {
  it('parcourt toute la crise quand le magasin la remplace, et indexe ce qui change pendant ce temps', async () => {
    let rows = new Map([['p1', row('p1', 'aperçu')]]);
    const listeners: ((ids: Set<string>) => void)[] = [];
    const store = { get rows() { return rows; }, get: (id: string) => rows.get(id), subscribe: (l: (ids: Set<string>) => void) => (listeners.push(l), () => undefined) };
    const live = new LiveDuplicateIndex(store as never);
    await vi.waitFor(() => expect(live.ready).toBe(true));
    // The whole crisis, once the journal is read.
    rows = new Map(Array.from({ length: 3000 }, (_, i) => [`s${i}`, row(`s${i}`, `Remontée numéro ${i} à Moissac`)] as const));
    listeners.forEach((l) => l(new Set(rows.keys())));
    expect(live.ready).toBe(false);
    // Meanwhile: a sighting changes, another is captured.
    rows.set('s5', row('s5', 'Texte corrigé : le pont de Moissac est fermé'));
    rows.set('nouvelle', row('nouvelle', 'Nouvelle remontée'));
    listeners.forEach((l) => l(new Set(['s5', 'nouvelle'])));
    expect(live.index.has('nouvelle')).toBe(true); // a small change is applied at once
    await vi.waitFor(() => expect(live.ready).toBe(true), { timeout: 10_000 });
    expect([...rows.keys()].filter((id) => !live.index.has(id))).toEqual([]);
  });
});
