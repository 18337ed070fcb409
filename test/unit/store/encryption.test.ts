// Encryption at rest (store/encryption/): what people wrote never rests in clear in IndexedDB, a
// restart reads it back with the keys on the shelf, and a destroyed key leaves its values unreadable.
import { describe, expect, it } from 'vitest';
import { createMemoryVault } from '../../../src-renderer/platform/vault';
import { VigieDatabase } from '../../../src-renderer/store/database';
import { Keyring } from '../../../src-renderer/store/encryption/keyring';
import { atRest, isSealed } from '../../../src-renderer/store/encryption/middleware';
import { memoryShelf } from '../../../src-renderer/store/encryption/shelf';
import { freshDb, reopened, shelfOf } from './helpers';

const SECRET = 'texte-citoyen-7712 @purge_handle_8431';
const bytesOf = (s: string) => new TextEncoder().encode(s);

/** Every value of a table as IndexedDB holds it, under Dexie (the native database). */
function raw(db: VigieDatabase, table: string): Promise<Record<string, unknown>[]> {
  return new Promise((ok, ko) => {
    const req = db.backendDB().transaction(table).objectStore(table).getAll();
    req.onsuccess = () => ok(req.result);
    req.onerror = () => ko(req.error);
  });
}

const asText = (v: unknown) => JSON.stringify(v, (_k, x) => (ArrayBuffer.isView(x) ? Buffer.from(x as Uint8Array).toString('latin1') : x));

async function fill(db: VigieDatabase) {
  await db.journal.add({ crisisId: 'c', id: 'e1', d: `{"k":"c","f":{"text":"${SECRET}"}}`, g: 'sig' });
  await db.rows.put({ crisisId: 'c', id: 's1', createdAt: 5, row: { id: 's1', text: SECRET } as never });
  await db.updates.add({ crisisId: 'c', update: bytesOf(SECRET) });
  await db.rejected.add({ crisisId: 'c', at: 1, author: 'm', kind: 'c', reason: `refusé : ${SECRET}`, excerpt: SECRET });
}

describe('chiffrement au repos', () => {
  it('ne laisse rien en clair dans IndexedDB et relit tout, aussi après un redémarrage', async () => {
    const db = freshDb();
    await fill(db);
    for (const table of ['journal', 'rows', 'updates', 'rejected']) {
      const values = await raw(db, table);
      expect(values).toHaveLength(1);
      expect(asText(values), table).not.toContain('texte-citoyen');
    }
    expect(isSealed((await raw(db, 'journal'))[0]!.d)).toBe(true);
    // Keys, indexes and sequence numbers stay clear: queries work as before.
    expect((await raw(db, 'journal'))[0]).toMatchObject({ crisisId: 'c', id: 'e1', g: 'sig' });
    db.close();

    const again = reopened(db);
    expect((await again.journal.where('[crisisId+id]').equals(['c', 'e1']).first())?.d).toContain(SECRET);
    expect((await again.rows.where('[crisisId+createdAt]').between(['c', 0], ['c', 10]).toArray())[0]!.row.text).toBe(SECRET);
    expect(new TextDecoder().decode((await again.updates.toArray())[0]!.update)).toBe(SECRET);
    expect(await again.rejected.toArray()).toMatchObject([{ reason: `refusé : ${SECRET}`, excerpt: SECRET, author: 'm' }]);
    // A cursor too (each(), filter()).
    const seen: string[] = [];
    await again.journal.each((r) => void seen.push(r.d));
    expect(seen[0]).toContain(SECRET);
    expect(await again.journal.filter((r) => r.d.includes('purge_handle')).count()).toBe(1);
    // anyOf() walks a cursor with continue(key): what the journal's get(ids) does.
    await again.journal.add({ crisisId: 'c', id: 'e2', d: 'deux', g: 'sig' });
    expect((await again.journal.where('[crisisId+id]').anyOf([['c', 'e2'], ['c', 'e1']]).toArray()).map((r) => r.d.slice(0, 4))).toEqual(['{"k"', 'deux']);
  });

  it('lit encore ce qui a été écrit avant le chiffrement (ou par un outil), tel quel', async () => {
    const db = freshDb();
    const plain = new VigieDatabase(db.name); // no keys: writes clear, as an older version did
    await plain.journal.add({ crisisId: 'c', id: 'old', d: 'ancien', g: 'g' });
    plain.close();
    await db.journal.add({ crisisId: 'c', id: 'new', d: 'nouveau', g: 'g' });
    expect((await db.journal.toArray()).map((r) => r.d)).toEqual(['ancien', 'nouveau']);
  });

  it('une clé détruite rend ses valeurs illisibles ; les autres restent lisibles', async () => {
    const shelf = memoryShelf();
    const ring = await Keyring.open(shelf);
    const first = ring.seal(bytesOf('avant'));
    expect(await ring.rotate()).toBe(2);
    const second = ring.seal(bytesOf('après'));
    expect(new TextDecoder().decode(ring.open(first))).toBe('avant');
    await ring.retireBelow(2);
    expect([...shelf.files.keys()]).toEqual([2]);
    expect(() => ring.open(first)).toThrow('Donnée chiffrée illisible : la clé n° 1 de ce poste a été détruite (purge) ou manque.');
    expect(new TextDecoder().decode(ring.open(second))).toBe('après');
    // Read back from the shelf (a restart): the same key, so the same plaintext.
    expect(new TextDecoder().decode((await Keyring.open(shelf)).open(second))).toBe('après');
    expect(() => ring.open(second.subarray(0, 10))).toThrow(/tronquée/);
  });

  it('garde chaque clé scellée par le coffre : le fichier ne la montre pas', async () => {
    const shelf = memoryShelf();
    const vault = createMemoryVault();
    const ring = await Keyring.open(shelf, vault);
    const sealed = ring.seal(bytesOf('bonjour'));
    expect(shelf.files.get(1)).toMatch(/^vigie-vault:1:/);
    expect(new TextDecoder().decode((await Keyring.open(shelf, vault)).open(sealed))).toBe('bonjour');
    // Another device's vault cannot open the keys, so nor the data.
    await expect(Keyring.open(shelf, createMemoryVault())).rejects.toThrow(/autre poste|altéré/);
  });

  it('une clé dont la création a été interrompue (fichier vide) est écartée, pas fatale', async () => {
    const shelf = memoryShelf(new Map([[1, '']]));
    const ring = await Keyring.open(shelf, createMemoryVault());
    expect(ring.ids).toEqual([1]);
    expect(shelf.files.get(1)).toMatch(/^vigie-vault:1:/);
  });

  it('chaque valeur a son propre nonce : deux textes égaux ne se ressemblent pas sur le disque', async () => {
    const db = freshDb();
    await db.updates.bulkAdd([{ crisisId: 'c', update: bytesOf(SECRET) }, { crisisId: 'c', update: bytesOf(SECRET) }]);
    const [a, b] = (await raw(db, 'updates')).map((v) => asText(v));
    expect(a).not.toBe(b);
    expect(shelfOf(db).files.size).toBe(1);
  });

  it('ouvre les textes dans un tampon réutilisé sans les mêler : chaque ligne relue est la sienne ; les octets ont chacun leur tampon', async () => {
    const db = freshDb();
    // Of different lengths, so that a text read after a longer one would show its leftovers.
    const texts = Array.from({ length: 60 }, (_, i) => `texte n° ${i} ${'é'.repeat((i * 37) % 500)}`);
    const seqs = await db.journal.bulkAdd(texts.map((d, i) => ({ crisisId: 'c', id: `e${i}`, d, g: `g${i}` })), { allKeys: true });
    expect((await db.journal.bulkGet([...seqs].reverse())).map((r) => r!.d)).toEqual([...texts].reverse());
    expect((await db.journal.toArray()).map((r) => r.d)).toEqual(texts);
    await db.updates.bulkAdd([{ crisisId: 'c', update: bytesOf('premier') }, { crisisId: 'c', update: bytesOf('second') }]);
    const updates = await db.updates.toArray();
    expect(updates.map((u) => new TextDecoder().decode(u.update))).toEqual(['premier', 'second']);
    expect(updates[0]!.update.buffer).not.toBe(updates[1]!.update.buffer);
  });

  it('ne garde pas les octets scellés dans ce que le navigateur a rendu : la ligne lue en a une copie ouverte', async () => {
    // What a request returns stays reachable from the browser's side until a full collection: the
    // rows it returned must not keep their sealed bytes (a cold open reads the whole crisis).
    const ring = await Keyring.open(memoryShelf());
    const returned = [{ crisisId: 'c', id: 'e1', d: { sealed: ring.seal(bytesOf(SECRET)) }, g: 'sig' }, { crisisId: 'c', update: { sealed: ring.seal(bytesOf(SECRET)) } }];
    const table = (name: string) => ({ name, get: async () => returned[name === 'journal' ? 0 : 1], getMany: async () => [returned[0]], query: async () => ({ result: [returned[0]] }) });
    const core = atRest(() => ring).create({ table } as never) as unknown as { table(name: string): { get(req: unknown): Promise<unknown> } };
    const journal = core.table('journal');
    expect(((await journal.get({})) as { d: string }).d).toBe(SECRET);
    expect(returned[0]).toEqual({ crisisId: 'c', id: 'e1', d: undefined, g: 'sig' });
    expect(new TextDecoder().decode(((await core.table('updates').get({})) as { update: Uint8Array }).update)).toBe(SECRET);
    expect(returned[1]!.update).toBeUndefined();
  });

  it('Keyring.open écrit dans le tampon donné s’il suffit, sinon dans un nouveau', async () => {
    const ring = await Keyring.open(memoryShelf());
    const sealed = ring.seal(bytesOf(SECRET));
    const into = new Uint8Array(1024);
    const opened = ring.open(sealed, into);
    expect(opened.buffer).toBe(into.buffer);
    expect(new TextDecoder().decode(opened)).toBe(SECRET);
    const small = ring.open(sealed, new Uint8Array(4));
    expect(new TextDecoder().decode(small)).toBe(SECRET);
    expect(small.byteLength).toBe(bytesOf(SECRET).byteLength);
  });
});
