import { describe, expect, it } from 'vitest';
import { editChange, historyLines, parseChange, replay, type Change } from '../../../src-renderer/core/changes';

const create: Change = { s: 'abc', t: 1, a: 'alice', k: 'c', f: { text: 'Crue', priority: 'P2' } };

describe('journal des modifications', () => {
  it('rejoue les entrées en une ligne, la dernière l’emportant champ par champ', () => {
    const row = replay([create, { s: 'abc', t: 2, a: 'bob', f: { priority: 'P1' } }, { s: 'abc', t: 3, a: 'carol', f: { placeText: 'Moissac' } }])!;
    expect(row).toMatchObject({ id: 'abc', text: 'Crue', priority: 'P1', placeText: 'Moissac', createdBy: 'alice', updatedBy: 'carol', updatedAt: 3, status: 'nouveau' });
  });
  it('ignore une modification sans création', () => {
    expect(replay([{ s: 'x', t: 1, a: 'a', f: { text: 'orpheline' } }])).toBeUndefined();
  });
  it('ne garde d’une entrée venue d’un pair que les champs valides, et rejette le reste', () => {
    expect(parseChange(null)).toBeNull();
    expect(parseChange('garbage')).toBeNull();
    expect(parseChange({ s: '<img>', t: 1, a: 'a', f: {} })).toBeNull();
    expect(parseChange({ s: 'abc', t: 'hier', a: 'a', f: {} })).toBeNull();
    expect(parseChange({ s: 'abc', t: 1, a: 'a', k: 'x', f: {} })).toBeNull();
    const c = parseChange({ s: 'abc', t: 1, a: 'a', f: { priority: 'P9', text: 'ok', __proto__x: 1, url: 'javascript:alert(1)' } })!;
    expect(c.f).toEqual({ text: 'ok' });
    expect(parseChange(create)).toBe(create);
  });
  it('ne journalise que les champs qui changent, avec leur valeur d’avant', () => {
    const row = replay([create])!;
    expect(editChange(row, { text: 'Crue', priority: 'P2' }, 'bob', 5)).toBeNull();
    expect(editChange(row, { text: 'Crue', priority: 'P1', mediaUrls: [] }, 'bob', 5)).toEqual({ s: 'abc', t: 5, a: 'bob', f: { priority: 'P1' }, p: { priority: 'P2' } });
  });
  it('donne l’historique du plus récent au plus ancien : qui, quand, champ, avant → après', () => {
    const lines = historyLines([create, { s: 'abc', t: 9, a: 'bob', f: { priority: 'P1' }, p: { priority: 'P2' } }]);
    expect(lines[0]).toEqual({ at: 9, actor: 'bob', field: 'priority', before: 'P2', after: 'P1', creation: false });
    expect(lines.slice(1).map((l) => [l.field, l.after, l.creation])).toEqual([['priority', 'P2', true], ['text', 'Crue', true]]);
  });
});
