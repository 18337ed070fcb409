import { describe, expect, it } from 'vitest';
import { replay, rowsCreatedIn } from '../../../src-renderer/core/changes';
import { CrisisState } from '../../../src-renderer/core/crisis-state';
import { compareEntries, type Entry, type SightingBody } from '../../../src-renderer/core/records';
import { STATUSES } from '../../../src-renderer/core/taxonomy';

const AUTHORS = ['A', 'B', 'C'].map((c) => c.repeat(43));

function prng(seed: number) {
  let a = seed;
  return () => ((a = (a * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

/** A sighting's creation and `n` edits by three authors, at times that may collide, with random status moves. */
function history(seed: number, n: number, s = 'abc'): Entry<SightingBody>[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const out: Entry<SightingBody>[] = [{ id: `c${seed}`, body: { k: 'c', s, t: 10, a: AUTHORS[0]!, f: { text: 'Crue', priority: 'P2' } } }];
  for (let i = 0; i < n; i++) {
    const f = r() < 0.5 ? { status: pick(STATUSES) } : r() < 0.5 ? { priority: pick(['P1', 'P2', 'P3', 'P4'] as const) } : { verificationNotes: `note ${i}` };
    // Some edits are dated before the creation (a clock behind): replaying ignores them.
    out.push({ id: `e${seed}-${i}`, body: { k: 'e', s, t: Math.floor(r() * 30), a: pick(AUTHORS), f, p: {} } });
  }
  return out;
}

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const r = prng(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('état de la crise sans l’historique en mémoire', () => {
  it('donne la même ligne que le rejeu complet, quel que soit l’ordre d’arrivée (modifications avant la création comprises)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const entries = history(seed, 25);
      const expected = replay([...entries].sort(compareEntries));
      const state = new CrisisState('crise');
      for (const e of shuffled(entries, seed * 7)) state.apply(e);
      expect(state.rows.get('abc')).toEqual(expected);
      // The history is read by these ids, in the record's order.
      expect(state.sightingEntryIds('abc')).toEqual([...entries].sort(compareEntries).map((e) => e.id));
    }
  });

  it('garde une remontée connue par sa seule création sous l’identifiant de l’entrée, puis la rejoue comme les autres', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const [create, ...edits] = history(seed, 12);
      const state = new CrisisState('crise');
      state.apply(create!);
      expect(state.rows.get('abc')).toEqual(replay([create!]));
      expect(state.sightingEntryIds('abc')).toEqual([create!.id]);
      // The creation first (the usual case), then edits in any order, some dated before it.
      for (const e of shuffled(edits, seed)) state.apply(e);
      const all = [create!, ...edits].sort(compareEntries);
      expect(state.rows.get('abc')).toEqual(replay(all));
      expect(state.sightingEntryIds('abc')).toEqual(all.map((e) => e.id));
    }
  });

  it('ne garde pas les valeurs « avant » des entrées (elles restent dans le registre)', () => {
    const state = new CrisisState('crise');
    const [create] = history(1, 0);
    state.apply(create!);
    state.apply({ id: 'e', body: { k: 'e', s: 'abc', t: 20, a: AUTHORS[1]!, f: { priority: 'P1' }, p: { priority: 'P2' } } });
    // Per entry: kind, id, author, time and the fields it set, nothing of the values before.
    const kept = (state as unknown as { trails: Map<string, unknown[]> }).trails.get('abc')!;
    expect(kept.filter((x) => typeof x === 'object')).toEqual([{ text: 'Crue', priority: 'P2' }, { priority: 'P1' }]);
    expect(kept).not.toContainEqual({ priority: 'P2' });
  });

  it('ne peint d’après la fin du registre que les remontées qui y sont créées, rejouées jusqu’au bout', () => {
    const old = history(3, 5, 'old');
    const recent = history(4, 8, 'new');
    // The tail holds the newer sighting whole, and only edits of the older one.
    const tail = [...old.slice(3), ...recent].sort(compareEntries);
    const rows = rowsCreatedIn(tail);
    expect(rows.map((r) => r.id)).toEqual(['new']);
    expect(rows[0]).toEqual(replay([...recent].sort(compareEntries)));
  });
});
