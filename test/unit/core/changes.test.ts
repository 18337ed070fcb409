import { describe, expect, it } from 'vitest';
import { editBody, historyLines, replay } from '../../../src-renderer/core/changes';
import type { Entry, SightingBody } from '../../../src-renderer/core/records';

const A = 'A'.repeat(43);
const B = 'B'.repeat(43);
const C = 'C'.repeat(43);
const entry = (id: string, body: SightingBody): Entry<SightingBody> => ({ id, body });
const create = entry('e1', { k: 'c', s: 'abc', t: 1, a: A, f: { text: 'Crue', priority: 'P2' } });

describe('entrées d’une remontée', () => {
  it('rejoue les entrées en une ligne, la dernière l’emportant champ par champ', () => {
    const row = replay([create, entry('e2', { k: 'e', s: 'abc', t: 2, a: B, f: { priority: 'P1' }, p: {} }), entry('e3', { k: 'e', s: 'abc', t: 3, a: C, f: { placeText: 'Moissac' }, p: {} })])!;
    expect(row).toMatchObject({ id: 'abc', text: 'Crue', priority: 'P1', placeText: 'Moissac', createdBy: A, updatedBy: C, updatedAt: 3, status: 'nouveau' });
  });
  it('ignore une modification sans création, et une seconde création du même identifiant', () => {
    expect(replay([entry('x', { k: 'e', s: 'x', t: 1, a: A, f: { text: 'orpheline' }, p: {} })])).toBeUndefined();
    const row = replay([create, entry('e9', { k: 'c', s: 'abc', t: 5, a: B, f: { text: 'écrasée ?' } })])!;
    expect(row).toMatchObject({ text: 'Crue', createdBy: A });
  });
  it('saute un changement de statut impossible depuis l’état atteint (archivé → nouveau → traité)', () => {
    const row = replay([
      create,
      entry('e2', { k: 'e', s: 'abc', t: 2, a: A, f: { status: 'archive' }, p: { status: 'nouveau' } }),
      entry('e3', { k: 'e', s: 'abc', t: 3, a: A, f: { status: 'nouveau' }, p: { status: 'archive' } }),
      // The "before" claims a status the row is not in: the move is skipped, the rest applies.
      entry('e4', { k: 'e', s: 'abc', t: 4, a: B, f: { status: 'traite', priority: 'P1' }, p: { status: 'confirme' } }),
    ])!;
    expect(row).toMatchObject({ status: 'nouveau', priority: 'P1' });
  });
  it('n’écrit que les champs qui changent, avec leur valeur d’avant, latitude et longitude ensemble', () => {
    const row = replay([create])!;
    expect(editBody(row, { text: 'Crue', priority: 'P2' })).toBeNull();
    expect(editBody(row, { text: 'Crue', priority: 'P1', mediaUrls: [] })).toEqual({ k: 'e', s: 'abc', f: { priority: 'P1' }, p: { priority: 'P2' } });
    expect(editBody(row, { lat: 44.1 })).toEqual({ k: 'e', s: 'abc', f: { lat: 44.1, lon: null }, p: { lat: null, lon: null } });
  });
  it('donne l’historique du plus récent au plus ancien : qui, quand, champ, avant → après', () => {
    const lines = historyLines([create, entry('e2', { k: 'e', s: 'abc', t: 9, a: B, f: { priority: 'P1' }, p: { priority: 'P2' } })]);
    expect(lines[0]).toEqual({ at: 9, actor: B, field: 'priority', before: 'P2', after: 'P1', creation: false });
    expect(lines.slice(1).map((l) => [l.field, l.after, l.creation])).toEqual([['priority', 'P2', true], ['text', 'Crue', true]]);
  });
});
