// Purging personal data from a closed crisis: certificates (`s`) signed by a coordinator or the COD,
// redacted entries accepted only when a certificate vouches for their hash, and each copy's own
// database rebuilt without a trace of the values (journal, row cache, refused excerpts, every
// exchange document), then a new epoch whose document holds only redacted entries.
import * as Y from 'yjs';
import { describe, expect, it, vi } from 'vitest';
import { entryText, type Body } from '../../../src-renderer/core/records';
import { PURGED_TEXT, redactBody, sha256Base64url } from '../../../src-renderer/core/purge';
import { CrisisStore } from '../../../src-renderer/store/crisis-store';
import { VigieDatabase } from '../../../src-renderer/store/database';
import { applyPurge } from '../../../src-renderer/store/purge-rebuild';
import { rekeyCrisis } from '../../../src-renderer/store/registry';
import { carol, joined, shelfOf, syncDocs, twoCopies } from './helpers';

const SECRETS = ['@purge_handle_8431', 'note-privee-5521', 'https://x.com/purge_handle_8431/status/77', 'https://cdn.example.org/media-9931.jpg', 'texte-citoyen-7712', 'lien-source-4410'];

const dbOf = (s: CrisisStore) => (s as unknown as { db: VigieDatabase }).db;

/** Every value this copy's database holds, as text. */
async function dump(db: VigieDatabase): Promise<string> {
  const parts: string[] = [];
  for (const t of db.tables) for (const row of await t.toArray()) parts.push(JSON.stringify(row, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v)));
  return parts.join('\n');
}

async function purgedAndReopened(store: CrisisStore): Promise<CrisisStore> {
  const db = dbOf(store);
  const rekey = store.rekey!;
  const certificates = store.state.purge.forEpoch(rekey.epoch);
  await store.close();
  await applyPurge(db, store.crisis.id, certificates);
  const next = await rekeyCrisis(db, store.crisis.id, rekey.key, rekey.epoch);
  return CrisisStore.open(db, next, store.me);
}

describe('purge des données personnelles', () => {
  it('la rédaction vide les champs personnels, garde le reste et l’ordre des clés', () => {
    const body = { k: 'e', s: 'abc', f: { authorHandle: '@x', priority: 'P1', text: 'bonjour' }, p: { authorHandle: '', priority: 'P3', text: '' }, a: 'A'.repeat(43), t: 1_800_000_000_000 } as Body;
    expect(redactBody(body, { all: false, x: [] })).toEqual({ ...body, f: { authorHandle: '', priority: 'P1', text: 'bonjour' } });
    expect(JSON.stringify(redactBody(body, { all: false, x: ['abc'] }))).toBe(JSON.stringify({ ...body, f: { authorHandle: '', priority: 'P1', text: PURGED_TEXT } }));
    expect(redactBody({ ...body, f: { priority: 'P1' }, p: { priority: 'P3' } } as Body, { all: true, x: [] })).toBeNull();
  });

  it('deux copies : purge signée, bases reconstruites sans aucune valeur, nouvelle époque, entrées expurgées acceptées', async () => {
    const { a, b } = await twoCopies();
    const s1 = await a.create({ text: 'texte-citoyen-7712', authorHandle: '@purge_handle_8431', url: 'https://x.com/purge_handle_8431/status/77', mediaUrls: ['https://cdn.example.org/media-9931.jpg'], verificationNotes: 'note-privee-5521', communeName: 'Moissac' });
    await a.workflow.check(s1.id, { check: 'autres_sources', links: ['https://facebook.com/lien-source-4410'], note: 'note-privee-5521 bis' });
    const s2 = await b.create({ text: 'Communiqué officiel, à garder', priority: 'P1' });
    await syncDocs(a, b);
    await expect(a.purge.run({ until: '2020-01-01', all: false, x: [s1.id] })).rejects.toThrow(/Closez d’abord la crise/);
    await a.workflow.setClosed(true);
    await expect(a.purge.run({ until: '2999-01-01', all: false, x: [s1.id] })).rejects.toThrow(/conservées jusqu’au/);
    const { epoch, entries } = await a.purge.run({ until: '2020-01-01', all: false, x: [s1.id] });
    expect(epoch).toBe(1);
    expect(entries).toBe(2); // the creation and the verification step
    await syncDocs(a, b);
    // Each copy opens its share of the new key in the background.
    await vi.waitFor(() => expect([a.rekey?.epoch, b.rekey?.epoch]).toEqual([1, 1]));
    expect(b.state.purge.forEpoch(1)).toHaveLength(1);

    // What A's disk held, sealed with its at-rest key (LevelDB may keep such bytes after the purge).
    const dbA = dbOf(a);
    const before = (await new Promise<{ d: { sealed: Uint8Array } }[]>((ok) => {
      const req = dbA.backendDB().transaction('journal').objectStore('journal').getAll();
      req.onsuccess = () => ok(req.result);
    }))!;
    expect(new TextDecoder().decode(dbA.keyring!.open(before.at(-1)!.d.sealed))).toContain('"k":"');
    expect([...shelfOf(dbA).files.keys()]).toEqual([1]);

    const a1 = await purgedAndReopened(a);
    const b1 = await purgedAndReopened(b);
    // The database was rewritten under a new key and the old one destroyed: those bytes are noise.
    expect([...shelfOf(dbA).files.keys()]).toEqual([2]);
    for (const r of before) expect(() => dbA.keyring!.open(r.d.sealed)).toThrow(/clé n° 1 .* détruite/);
    await Promise.all([a1.docReady, b1.docReady]);
    await syncDocs(a1, b1);
    for (const store of [a1, b1]) {
      const row = store.get(s1.id)!;
      expect(row).toMatchObject({ text: PURGED_TEXT, authorHandle: '', url: '', mediaUrls: [], verificationNotes: '', communeName: 'Moissac' });
      expect(store.get(s2.id)?.text).toBe('Communiqué officiel, à garder');
      expect(store.state.workflow.verificationOf(s1.id).get('autres_sources')?.links ?? []).toEqual([]);
      const everything = (await dump(dbOf(store))) + Buffer.from(Y.encodeStateAsUpdate(store.doc)).toString('latin1');
      for (const secret of SECRETS) expect(everything, secret).not.toContain(secret);
      expect(store.state.info?.closed).toBe(true);
    }

    // A newcomer after the purge receives only redacted entries, each vouched for by the certificate.
    await a1.workflow.setClosed(false);
    const c = await joined(a1, carol, 'veilleur');
    await syncDocs(a1, c);
    await c.settled();
    expect(c.get(s1.id)).toMatchObject({ text: PURGED_TEXT, authorHandle: '' });
    expect(c.get(s2.id)?.text).toBe('Communiqué officiel, à garder');
  });

  it('une entrée expurgée sans certificat correspondant est refusée ; un certificat écrit par un veilleur aussi', async () => {
    const { a, b } = await twoCopies();
    const c = await joined(a, carol, 'veilleur');
    await syncDocs(a, c);
    const s1 = await a.create({ text: 'x', authorHandle: '@quelquun' });
    await syncDocs(a, c);
    const [original] = await a.entries(s1.id);
    // A forged redaction (the author's signature gone, no certificate): waits, never applied.
    const d = entryText({ ...original!.body, f: { ...original!.body.f, authorHandle: '', text: 'réécrit' } });
    const forged = { id: 'forged', body: JSON.parse(d) as Body, g: `~${await sha256Base64url(d)}` };
    expect(b.state.check(forged)).toMatchObject({ ok: false, reason: 'entrée expurgée sans certificat de purge' });
    // Once the crisis is closed, a veilleur's certificate is refused by the command and by the rules.
    await a.workflow.setClosed(true);
    await syncDocs(a, c);
    await syncDocs(a, b);
    await expect(c.purge.run({ until: '2020-01-01', all: true, x: [] })).rejects.toThrow(/coordinateurs et le COD purgent/);
    const cert = { id: 'cert', body: { k: 's', a: c.me.id, t: Date.now(), e: 1, until: '2020-01-01T00:00:00.000Z', all: true, x: [], h: { [original!.id]: forged.g.slice(1) }, n: 0, of: 1 } as Body };
    expect(b.state.check(cert)).toMatchObject({ ok: false, reason: expect.stringMatching(/purgent les données personnelles/) });
    // Written by a coordinator, the same certificate vouches for the redaction, and the original is refused from then on.
    const coord = { ...cert, body: { ...cert.body, a: a.me.id } as Body };
    expect(b.state.check(coord)).toEqual({ ok: true });
    b.state.apply(coord);
    expect(b.state.check(forged)).toEqual({ ok: true });
    expect(b.state.check({ ...original!, g: 'x' })).toMatchObject({ ok: false, reason: expect.stringMatching(/purgée/) });
  });
});
