import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { CrisisRecord } from '../../../src-renderer/core/crisis';
import { newCrisisKey } from '../../../src-renderer/core/ids';
import { sealPack, SyncPackError, type SyncPackErrorCode } from '../../../src-renderer/core/sync-pack';
import { CrisisStore } from '../../../src-renderer/store/crisis-store';
import { VigieDatabase, type JournalRow } from '../../../src-renderer/store/database';
import { createCrisis } from '../../../src-renderer/store/registry';
import { exportSyncPack, importSyncPack, syncPackFileName } from '../../../src-renderer/store/sync-pack';
import { alice, bob, carol, crisisIn, freshDb, joined, twoCopies, reopened } from './helpers';


function logJson(store: CrisisStore): string {
  return JSON.stringify(store.doc.getArray('log').toJSON());
}

/** Everything a refused import must leave as it was. */
async function snapshot(store: CrisisStore, db: VigieDatabase) {
  await store.settled();
  return { log: logJson(store), state: Y.encodeStateVector(store.doc), rows: store.rows.size, version: store.version, stored: await db.updates.count() };
}

async function expectRefused(store: CrisisStore, db: VigieDatabase, bytes: Uint8Array, codes: SyncPackErrorCode[]): Promise<SyncPackError> {
  const before = await snapshot(store, db);
  let error: unknown;
  await importSyncPack(store, bytes).catch((e) => (error = e));
  expect(error).toBeInstanceOf(SyncPackError);
  expect(codes).toContain((error as SyncPackError).code);
  expect(await snapshot(store, db)).toEqual(before);
  return error as SyncPackError;
}

async function packWithPayload(crisis: CrisisRecord, payload: Uint8Array): Promise<Uint8Array> {
  return sealPack({ crisisId: crisis.id, crisisName: crisis.name, key: crisis.key, payload, createdAt: Date.now(), createdBy: 'Mallory' });
}

describe('synchronisation par fichier', () => {
  it('porte les remontées de A, avec leur historique, dans B, durablement', async () => {
    const { a, b, dbB, crisis } = await twoCopies();
    const s1 = await a.create({ text: 'Eau dans les rues', priority: 'P3' });
    const s2 = await a.create({ url: 'https://x.com/VigiCrues/status/1', text: 'Le Tarn monte' });
    await a.update(s1.id, { priority: 'P1', placeText: 'Quai de Moissac' });
    await a.update(s1.id, { status: 'en_verification' });

    const { bytes, fileName } = await exportSyncPack(a, { by: 'Alice Martin' });
    expect(fileName).toMatch(/^vigie-crue-du-tarn-\d{8}-\d{4}\.vigiesync$/);
    const result = await importSyncPack(b, bytes);

    expect(result).toMatchObject({ newEntries: 4, alreadyKnown: false });
    expect(result.header).toMatchObject({ crisisId: crisis.id, crisisName: 'Crue du Tarn', createdBy: 'Alice Martin' });
    expect(b.get(s1.id)).toEqual(a.get(s1.id));
    expect(b.get(s1.id)).toMatchObject({ priority: 'P1', placeText: 'Quai de Moissac', status: 'en_verification', createdBy: a.me.id });
    expect(b.get(s2.id)).toMatchObject({ platform: 'x', authorHandle: '@VigiCrues' });
    expect(await b.entries(s1.id)).toEqual(await a.entries(s1.id));
    expect(await b.entries(s1.id)).toHaveLength(3);
    expect(b.member(a.me.id)?.name).toBe('Alice Martin');

    // Durable once reported: a fresh open of B's database (no close, as after a crash) has it all.
    const again = await CrisisStore.open(reopened(dbB), crisis, bob);
    expect(again.get(s1.id)).toEqual(a.get(s1.id));
    expect(await again.entries(s1.id)).toHaveLength(3);
  });

  it('ne dit pas l’import réussi tant qu’il n’est pas écrit sur le disque', async () => {
    const { a, b, dbB } = await twoCopies();
    await a.create({ text: 'Eau dans les rues' });
    const { bytes } = await exportSyncPack(a, { by: 'Alice' });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const add = dbB.journal.bulkAdd.bind(dbB.journal);
    const delayed = (rows: JournalRow[], options: { allKeys: true }) => gate.then(() => add(rows, options));
    const spy = vi.spyOn(dbB.journal, 'bulkAdd').mockImplementationOnce(delayed as unknown as typeof add);
    let done = false;
    const importing = importSyncPack(b, bytes).then((r) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 50));
    expect(done).toBe(false);
    release();
    expect(await importing).toMatchObject({ newEntries: 1 });
    spy.mockRestore();

    // A failed write is reported, never swallowed.
    vi.spyOn(dbB.journal, 'bulkAdd').mockRejectedValueOnce(new Error('QuotaExceededError'));
    await a.create({ text: 'Pont fermé' });
    await expect(importSyncPack(b, (await exportSyncPack(a, { by: 'Alice' })).bytes)).rejects.toThrow(/QuotaExceededError/);
  });

  it('ne change rien quand on importe deux fois le même paquet', async () => {
    const { a, b, dbB } = await twoCopies();
    await a.createMany([{ text: 'un' }, { text: 'deux' }, { text: 'trois' }]);
    const { bytes } = await exportSyncPack(a, { by: 'Alice' });
    expect(await importSyncPack(b, bytes)).toMatchObject({ newEntries: 3, alreadyKnown: false });
    const before = await snapshot(b, dbB);
    expect(await importSyncPack(b, bytes)).toMatchObject({ newEntries: 0, alreadyKnown: true });
    expect(await snapshot(b, dbB)).toEqual(before);
    // And a copy importing its own pack learns nothing either.
    expect(await importSyncPack(a, bytes)).toMatchObject({ newEntries: 0, alreadyKnown: true });
  });

  it('ne change rien avec un paquet plus ancien que les modifications déjà reçues', async () => {
    const { a, b, dbB } = await twoCopies();
    const s = await a.create({ text: 'Arbre tombé', priority: 'P3' });
    const old = (await exportSyncPack(a, { by: 'Alice' })).bytes;
    await a.update(s.id, { priority: 'P1' });
    await importSyncPack(b, (await exportSyncPack(a, { by: 'Alice' })).bytes);
    await b.update(s.id, { placeText: 'Route de Lafrançaise' });
    const before = await snapshot(b, dbB);

    expect(await importSyncPack(b, old)).toEqual(expect.objectContaining({ newEntries: 0, alreadyKnown: true }));
    expect(await snapshot(b, dbB)).toEqual(before);
    expect(b.get(s.id)).toMatchObject({ priority: 'P1', placeText: 'Route de Lafrançaise' });
  });

  it('garde les modifications faites des deux côtés pendant la coupure', async () => {
    const { a, b } = await twoCopies();
    const s = await a.create({ text: 'Eau dans les rues', priority: 'P3' });
    await importSyncPack(b, (await exportSyncPack(a, { by: 'Alice' })).bytes);
    await a.update(s.id, { priority: 'P1' });
    await b.update(s.id, { placeText: 'Quai de Moissac' });
    const fromB = await b.create({ text: 'Pont fermé' });
    await importSyncPack(b, (await exportSyncPack(a, { by: 'Alice' })).bytes);
    await importSyncPack(a, (await exportSyncPack(b, { by: 'Bob' })).bytes);
    expect(a.get(s.id)).toMatchObject({ priority: 'P1', placeText: 'Quai de Moissac' });
    expect(b.get(s.id)).toEqual(a.get(s.id));
    expect(a.get(fromB.id)?.text).toBe('Pont fermé');
    expect(logJson(a)).toBe(logJson(b));
  });

  it('n’exporte, depuis l’état de B, que ce qui manque à B, et B le fusionne', async () => {
    const { a, b } = await twoCopies();
    const inputs = Array.from({ length: 300 }, (_, i) => ({ text: `Remontée ${i} : ${'détail '.repeat(20)}` }));
    await a.createMany(inputs);
    await importSyncPack(b, (await exportSyncPack(a, { by: 'Alice' })).bytes);
    const s = await a.create({ text: 'Nouvelle remontée' });
    await b.create({ text: 'Vue par Bob' });

    const full = await exportSyncPack(a, { by: 'Alice' });
    const partial = await exportSyncPack(a, { by: 'Alice', since: Y.encodeStateVector(b.doc) });
    expect(partial.bytes.byteLength).toBeLessThan(full.bytes.byteLength / 5);

    const result = await importSyncPack(b, partial.bytes);
    expect(result).toMatchObject({ newEntries: 1, alreadyKnown: false });
    expect(b.get(s.id)?.text).toBe('Nouvelle remontée');
    expect(b.rows.size).toBe(302);
  });

  it('refuse un paquet partiel fait pour une autre copie, sans rien changer', async () => {
    const { a, b, crisis } = await twoCopies();
    await a.create({ text: 'base que C n’a pas' });
    await importSyncPack(b, (await exportSyncPack(a, { by: 'Alice' })).bytes);
    await a.create({ text: 'suite' });
    const forB = await exportSyncPack(a, { by: 'Alice', since: Y.encodeStateVector(b.doc) });

    const dbC = freshDb();
    const c = await joined(a, carol, 'veilleur', undefined, dbC);
    const e = await expectRefused(c, dbC, forB.bytes, ['missing-history']);
    expect(e.message).toMatch(/Demandez un paquet complet/);
    // The full pack then goes through.
    expect((await importSyncPack(c, (await exportSyncPack(a, { by: 'Alice' })).bytes)).newEntries).toBeGreaterThanOrEqual(2);
    expect([...c.rows.values()].map((r) => r.text).sort()).toEqual(['base que C n’a pas', 'suite']);
  });
});

describe('synchronisation par fichier : paquets refusés', () => {
  it('refuse un fichier tronqué, à toute longueur, sans rien écrire', async () => {
    const { a, b, dbB } = await twoCopies();
    await a.createMany([{ text: 'un' }, { text: 'deux' }]);
    await b.create({ text: 'déjà chez B' });
    const { bytes } = await exportSyncPack(a, { by: 'Alice' });
    const headerEnd = 12 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(8);
    const cuts = [0, 1, 7, 11, headerEnd - 1, headerEnd, headerEnd + 12, headerEnd + 40, bytes.byteLength - 16, bytes.byteLength - 1];
    for (const cut of cuts) await expectRefused(b, dbB, bytes.slice(0, cut), ['truncated', 'not-a-pack']);
    expect((await importSyncPack(b, bytes)).newEntries).toBe(2);
  });

  it('refuse un paquet dont un bit a changé, dans l’en-tête ou le chiffré', async () => {
    const { a, b, dbB } = await twoCopies();
    await a.createMany([{ text: 'un' }, { text: 'deux' }]);
    const { bytes } = await exportSyncPack(a, { by: 'Alice' });
    const headerEnd = 12 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(8);
    for (const at of [0, 7, 9, 12, 20, headerEnd - 2, headerEnd + 3, headerEnd + 12, Math.floor((headerEnd + bytes.byteLength) / 2), bytes.byteLength - 1]) {
      const bad = bytes.slice();
      bad[at] ^= 0x10;
      await expectRefused(b, dbB, bad, ['not-a-pack', 'unsupported-version', 'truncated', 'wrong-key-or-corrupted', 'other-crisis']);
    }
    expect(b.rows.size).toBe(0);
  });

  it('refuse le paquet d’une autre crise et la nomme', async () => {
    const { b, dbB } = await twoCopies();
    const dbO = freshDb();
    const other = await createCrisis(dbO, { name: 'Tempête Alex', departement: '06', hazard: 'tempete', startedAt: '2020-10-02T08:00:00Z' });
    const o = await CrisisStore.open(dbO, other, alice);
    await o.create({ text: 'Vésubie : pont emporté' });
    const e = await expectRefused(b, dbB, (await exportSyncPack(o, { by: 'Alice' })).bytes, ['other-crisis']);
    expect(e.message).toBe('Ce paquet concerne une autre crise (« Tempête Alex »).');
  });

  it('refuse un paquet de la même crise chiffré avec une autre clé', async () => {
    const { b, dbB, crisis } = await twoCopies();
    const dbM = freshDb();
    const forged: CrisisRecord = { ...crisis, key: newCrisisKey() };
    await dbM.crises.add(forged);
    const m = await CrisisStore.open(dbM, forged, alice);
    await m.create({ text: 'fausse remontée' });
    const e = await expectRefused(b, dbB, (await exportSyncPack(m, { by: 'Mallory' })).bytes, ['wrong-key-or-corrupted']);
    expect(e.message).toBe("Paquet illisible : il est corrompu ou n'a pas été chiffré avec la clé de cette crise.");
  });

  it('refuse un fichier vide ou quelconque', async () => {
    const { b, dbB } = await twoCopies();
    const random = crypto.getRandomValues(new Uint8Array(10_000));
    random[0] = 0x42;
    for (const f of [new Uint8Array(0), random]) {
      const e = await expectRefused(b, dbB, f, ['not-a-pack']);
      expect(e.message).toBe("Ce fichier n'est pas un paquet de synchronisation Vigie.");
    }
  });

  it('refuse un paquet bien chiffré dont le contenu n’est pas une mise à jour Yjs', async () => {
    const { b, dbB, crisis } = await twoCopies();
    await b.create({ text: 'déjà là' });
    const payloads = [
      crypto.getRandomValues(new Uint8Array(2000)),
      new TextEncoder().encode('{"log":[{"s":"x","t":1,"a":"m","k":"c","f":{}}]}'),
      new Uint8Array(0),
      new Uint8Array([1, 2, 3]),
    ];
    for (const p of payloads) {
      const e = await expectRefused(b, dbB, await packWithPayload(crisis, p), ['invalid-content']);
      expect(e.message).toBe("Paquet refusé : son contenu n'est pas celui d'une crise Vigie.");
    }
  });

  it('refuse une mise à jour Yjs qui n’est pas celle d’une crise', async () => {
    const { b, dbB, crisis } = await twoCopies();
    const editor = new Y.Doc();
    editor.getText('prosemirror').insert(0, 'un autre document');
    await expectRefused(b, dbB, await packWithPayload(crisis, Y.encodeStateAsUpdate(editor)), ['invalid-content']);

    // The right names, used as the wrong kinds: `log` as a map, `meta` as a list.
    const wrongKinds = new Y.Doc();
    wrongKinds.getMap('log').set('x', { s: 'x' });
    await expectRefused(b, dbB, await packWithPayload(crisis, Y.encodeStateAsUpdate(wrongKinds)), ['invalid-content']);
    const wrongMeta = new Y.Doc();
    wrongMeta.getArray('meta').push(['x']);
    await expectRefused(b, dbB, await packWithPayload(crisis, Y.encodeStateAsUpdate(wrongMeta)), ['invalid-content']);

    // A crisis update with one foreign type slipped in is refused whole.
    const mixed = new Y.Doc();
    Y.applyUpdate(mixed, Y.encodeStateAsUpdate(b.doc));
    mixed.getArray('log').push([{ s: 'abc', t: 1, a: 'mallory', k: 'c', f: { text: 'infiltré' } }]);
    mixed.getMap('extra').set('x', 1);
    await expectRefused(b, dbB, await packWithPayload(crisis, Y.encodeStateAsUpdate(mixed)), ['invalid-content']);
  });
});

describe('synchronisation par fichier : types partagés', () => {
  it('accepte tout type partagé que le magasin déclare, tel qu’il le déclare', async () => {
    const { a, b } = await twoCopies();
    // e.g. a map the store adds later: both copies declare it, so it travels.
    for (const copy of [a, b]) copy.doc.getMap('annexe');
    a.doc.getMap('annexe').set('x', { by: 'alice' });
    await a.create({ text: 'avec annexe' });
    expect(await importSyncPack(b, (await exportSyncPack(a, { by: 'Alice' })).bytes)).toMatchObject({ newEntries: 1 });
    expect(b.doc.getMap('annexe').get('x')).toEqual({ by: 'alice' });
  });
});

describe('nom du fichier de paquet', () => {
  it('nomme le fichier d’après la crise et l’heure locale', () => {
    const at = new Date(2026, 10, 23, 14, 5).getTime();
    expect(syncPackFileName('Crue du Tarn', at)).toBe('vigie-crue-du-tarn-20261123-1405.vigiesync');
    expect(syncPackFileName('Tempête à Saint-Étienne / Loire (42)', at)).toBe('vigie-tempete-a-saint-etienne-loire-42-20261123-1405.vigiesync');
    expect(syncPackFileName('???', at)).toBe('vigie-crise-20261123-1405.vigiesync');
  });
});
