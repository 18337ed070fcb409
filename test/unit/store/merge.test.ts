import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { syncDocs, twoCopies } from './helpers';

describe('fusion de deux copies', () => {
  it('garde les deux modifications concurrentes de deux champs d’une même remontée', async () => {
    const { a, b } = await twoCopies();
    const s = await a.create({ text: 'Eau dans les rues', priority: 'P3' });
    await syncDocs(a, b);
    expect(b.get(s.id)?.text).toBe('Eau dans les rues');

    // Partition: each edits a different field of the same sighting.
    await a.update(s.id, { priority: 'P1' });
    await b.update(s.id, { placeText: 'Quai de Moissac' });
    await syncDocs(a, b);

    for (const copy of [a, b]) {
      expect(copy.get(s.id)).toMatchObject({ priority: 'P1', placeText: 'Quai de Moissac', text: 'Eau dans les rues' });
      expect((await copy.entries(s.id)).map((e) => e.body.a).sort()).toEqual([a.me.id, a.me.id, b.me.id].sort());
    }
  });

  it('converge vers la même ligne quand les deux changent le même champ, dans n’importe quel ordre', async () => {
    const { a, b } = await twoCopies();
    const s = await a.create({ text: 'Arbre tombé' });
    await syncDocs(a, b);
    await a.update(s.id, { status: 'en_verification', priority: 'P2' });
    await b.update(s.id, { status: 'confirme' });
    await syncDocs(a, b);
    expect(a.get(s.id)).toEqual(b.get(s.id));
    expect(a.get(s.id)!.priority).toBe('P2');
    expect((await a.entries(s.id)).map((e) => e.id)).toEqual((await b.entries(s.id)).map((e) => e.id));
  });

  it('connaît les auteurs des deux copies, avec le rôle de leur admission', async () => {
    const { a, b } = await twoCopies();
    expect(a.member(b.me.id)).toMatchObject({ name: 'Bob Durand', organisation: 'Préfecture 82', role: 'cod', admittedBy: a.me.id });
    expect(b.member(a.me.id)).toMatchObject({ name: 'Alice Martin', role: 'coordinateur' });
    expect(b.myRole).toBe('cod');
  });

  it('ne laisse aucune valeur étrangère d’un pair atteindre une ligne, et les compte', async () => {
    const { a } = await twoCopies();
    const s = await a.create({ text: 'Sain', priority: 'P2' });
    await a.docReady;
    const evil = new Y.Doc();
    Y.applyUpdate(evil, Y.encodeStateAsUpdate(a.doc));
    evil.getArray('log').push([
      'n’importe quoi', 42, null, [1, 2],
      { s: s.id, t: 2, a: 'mallory', f: { priority: 'P0', text: { html: '<img src=x onerror=alert(1)>' } } },
      { d: JSON.stringify({ k: 'e', a: a.me.id, t: Date.now(), s: s.id, f: { priority: 'P1' }, p: { priority: 'P2' } }), g: 'x'.repeat(86) },
    ]);
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(evil, Y.encodeStateVector(a.doc)), 'peer');
    await a.settled();
    expect(a.get(s.id)).toMatchObject({ text: 'Sain', priority: 'P2' });
    expect(a.rows.size).toBe(1);
    expect(a.rejectedCount).toBe(6);
    const reasons = (await a.rejections()).map((r) => r.reason);
    expect(reasons).toContain('signature invalide');
    expect(reasons).toContain('entrée mal formée');
  });
});
