import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CrisisStore } from '../../../src-renderer/store/crisis-store';
import { alice, bob, crisisIn, freshDb, syncDocs, twoCopies } from './helpers';


describe('fusion de deux copies', () => {
  it('garde les deux modifications concurrentes de deux champs d’une même remontée', async () => {
    const { a, b } = await twoCopies();
    const s = await a.create({ text: 'Eau dans les rues', priority: 'P3' });
    syncDocs(a.doc, b.doc);
    expect(b.get(s.id)?.text).toBe('Eau dans les rues');

    // Partition: each edits a different field of the same sighting.
    await a.update(s.id, { priority: 'P1' });
    await b.update(s.id, { placeText: 'Quai de Moissac' });
    syncDocs(a.doc, b.doc);

    for (const copy of [a, b]) {
      expect(copy.get(s.id)).toMatchObject({ priority: 'P1', placeText: 'Quai de Moissac', text: 'Eau dans les rues' });
      expect(copy.entries(s.id).map((e) => e.a).sort()).toEqual(['alice', 'alice', 'bob']);
    }
  });

  it('converge vers la même valeur quand les deux changent le même champ, dans n’importe quel ordre', async () => {
    const { a, b } = await twoCopies();
    const s = await a.create({ text: 'Arbre tombé' });
    syncDocs(a.doc, b.doc);
    await a.update(s.id, { status: 'en_verification', priority: 'P2' });
    await b.update(s.id, { status: 'confirme' });
    // Deliver in opposite orders to two fresh observers.
    const ua = Y.encodeStateAsUpdate(a.doc);
    const ub = Y.encodeStateAsUpdate(b.doc);
    const x = new Y.Doc();
    const y = new Y.Doc();
    Y.applyUpdate(x, ua); Y.applyUpdate(x, ub);
    Y.applyUpdate(y, ub); Y.applyUpdate(y, ua);
    syncDocs(a.doc, b.doc);
    expect(a.get(s.id)).toEqual(b.get(s.id));
    expect(a.get(s.id)!.priority).toBe('P2');
    expect(JSON.stringify(x.getArray('log').toJSON())).toBe(JSON.stringify(y.getArray('log').toJSON()));
    expect(JSON.stringify(x.getArray('log').toJSON())).toBe(JSON.stringify(a.doc.getArray('log').toJSON()));
  });

  it('connaît les auteurs des deux copies', async () => {
    const { a, b } = await twoCopies();
    syncDocs(a.doc, b.doc);
    expect(a.member('bob')).toEqual({ name: 'Bob Durand', organisation: 'Préfecture 82', role: 'cod' });
    expect(b.member('alice')?.name).toBe('Alice Martin');
  });

  it('ne laisse aucune entrée invalide d’un pair atteindre une ligne', async () => {
    const { a } = await twoCopies();
    const s = await a.create({ text: 'Sain', priority: 'P2' });
    const evil = new Y.Doc();
    Y.applyUpdate(evil, Y.encodeStateAsUpdate(a.doc));
    evil.getArray('log').push([
      'n’importe quoi', 42, null, [1, 2],
      { s: s.id, t: 2, a: 'mallory', f: { priority: 'P0', text: { html: '<img src=x onerror=alert(1)>' }, url: 'javascript:alert(1)' } },
      { s: s.id, t: 3, a: 'mallory', f: { category: 'rumeur' } },
    ]);
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(evil, Y.encodeStateVector(a.doc)));
    expect(a.get(s.id)).toMatchObject({ text: 'Sain', priority: 'P2', url: '', category: 'rumeur' });
    expect(a.rows.size).toBe(1);
  });
});
