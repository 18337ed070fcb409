// A hostile key holder, at the level of the shared document: what it sends is the only thing it
// controls. (The same attacks through the relay and WebRTC: test/e2e/trust.spec.ts.)
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { signedText } from '../../../src-renderer/core/records';
import { newSigningKeys, signerFrom, type Signer } from '../../../src-renderer/core/signing';
import { sealPack } from '../../../src-renderer/core/sync-pack';
import type { CrisisStore } from '../../../src-renderer/store/crisis-store';
import { importSyncPack } from '../../../src-renderer/store/sync-pack';
import { carol, joined, syncDocs, twoCopies } from './helpers';

/** A plain Yjs client holding the crisis key: a copy of the document it can do anything with. */
function hostileCopy(of: CrisisStore): Y.Doc {
  const doc = new Y.Doc(); // gc on: what it deletes, it forgets
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(of.doc));
  return doc;
}
function deliver(from: Y.Doc, to: CrisisStore) {
  Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to.doc)), 'hostile-peer');
  return to.settled();
}
async function signed(signer: Signer, crisisId: string, body: Record<string, unknown>) {
  const d = JSON.stringify({ t: Date.now(), ...body, a: signer.id });
  return { d, g: await signer.sign(signedText(crisisId, d)) };
}
const texts = (s: CrisisStore) => [...s.rows.values()].map((r) => r.text).sort();

async function crisisWithHistory() {
  const copies = await twoCopies();
  const { a, b } = copies;
  const s1 = await a.create({ text: 'Pont de Moissac fermé', priority: 'P2' });
  await a.create({ text: 'Camping évacué' });
  await syncDocs(a, b);
  await b.update(s1.id, { priority: 'P1', status: 'en_verification' });
  await syncDocs(a, b);
  return { ...copies, s1 };
}

describe('effacement par un détenteur de la clé', () => {
  it('ne retire rien : lignes et historique restent, et le contenu est remis en partage', async () => {
    const { a, b, s1 } = await crisisWithHistory();
    const before = { rows: texts(a), history: (await a.entries(s1.id)).length };
    const evil = hostileCopy(a);
    evil.getArray('log').delete(0, evil.getArray('log').length);
    await deliver(evil, a);
    expect(a.doc.getArray('log').length).toBe(0); // the document obeyed…
    expect(texts(a)).toEqual(before.rows); // …the record did not
    expect(await a.entries(s1.id)).toHaveLength(before.history);
    await expect.poll(() => a.doc.getArray('log').length, { timeout: 10_000 }).toBeGreaterThan(0); // shared again
    expect(a.rejectedCount).toBeGreaterThan(0);
    expect((await a.rejections()).map((r) => r.reason).join()).toMatch(/supprimée\(s\) du document partagé/);
    await syncDocs(a, b);
    expect(texts(b)).toEqual(before.rows);
  });

  it('une copie qui arrive après l’attaque, même par l’attaquant, reçoit tout', async () => {
    const { a, b, s1 } = await crisisWithHistory();
    const evil = hostileCopy(a);
    evil.getArray('log').delete(0, evil.getArray('log').length);
    await deliver(evil, a);
    await deliver(evil, b);
    // The newcomer meets the attacker first: it receives only deleted (collected) items…
    const c = await joined(a, carol, 'veilleur');
    await deliver(evil, c);
    await c.docReady;
    expect(texts(c)).toEqual([]);
    // …then honest copies, which still hold the content and have shared it again.
    await expect.poll(() => a.deletionsUndone, { timeout: 10_000 }).toBeGreaterThan(0);
    await syncDocs(a, c);
    expect(texts(c)).toEqual(texts(a));
    expect((await c.entries(s1.id)).map((e) => e.id)).toEqual((await a.entries(s1.id)).map((e) => e.id));
    expect(c.get(s1.id)).toEqual(a.get(s1.id));
  });

  it('par un paquet de synchronisation : rien n’est retiré, et l’import ne compte pas de négatif', async () => {
    const { a, crisis } = await crisisWithHistory();
    const evil = hostileCopy(a);
    evil.getArray('log').delete(0, evil.getArray('log').length);
    const bytes = await sealPack({ crisisId: crisis.id, crisisName: crisis.name, key: crisis.key, payload: Y.encodeStateAsUpdate(evil), createdAt: Date.now(), createdBy: 'Mallory' });
    const before = texts(a);
    const result = await importSyncPack(a, bytes);
    expect(result.newEntries).toBe(0);
    expect(texts(a)).toEqual(before);
  });
});

describe('falsification par un détenteur de la clé', () => {
  it('refuse une entrée au nom d’un autre, un faux membre, une élévation de rôle et un statut interdit', async () => {
    const { a, b, s1 } = await crisisWithHistory();
    const c = await joined(a, carol, 'veilleur');
    await syncDocs(a, c);
    const mallory = await signerFrom(await newSigningKeys());
    const id = a.crisis.id;
    const evil = hostileCopy(a);
    const forgedAuthor = await signed(mallory, id, { k: 'c', s: 'faux1', f: { text: 'Évacuez le quartier Sapiac', priority: 'P1' } });
    // The forged entry names Alice as its author, but Mallory signed it.
    forgedAuthor.d = forgedAuthor.d.replace(mallory.id, a.me.id);
    const items = [
      forgedAuthor,
      await signed(mallory, id, { k: 'p', name: 'Préfet (COD) — validé', organisation: 'Préfecture' }),
      await signed(mallory, id, { k: 'm', m: mallory.id, role: 'cod' }),
    ];
    evil.getArray('log').push(items);
    await deliver(evil, b);
    expect(b.member(a.me.id)?.name).toBe('Alice Martin');
    expect(b.member(mallory.id)).toBeUndefined();
    expect(b.rows.has('faux1')).toBe(false);
    expect(b.waitingCount).toBe(2); // Mallory's own, unadmitted: kept aside, never applied
    expect((await b.rejections()).map((r) => r.reason)).toContain('signature invalide');

    // Carol is a real member (veilleur): her escalation and forbidden moves are refused everywhere.
    const carolKey = c as unknown as { keys: { signer: Signer } };
    const cs = carolKey.keys.signer;
    const t = Date.now() + 1;
    const fromCarol = [
      await signed(cs, id, { k: 'm', m: cs.id, role: 'cod', t }),
      await signed(cs, id, { k: 'e', s: s1.id, f: { status: 'transmis' }, p: { status: 'en_verification' }, t: t + 1 }),
      await signed(cs, id, { k: 'e', s: s1.id, f: { status: 'traite' }, p: { status: 'nouveau' }, t: t + 2 }),
      await signed(cs, id, { k: 'c', s: 'crash1', f: { text: 'heure folle' }, t: 1e300 }),
      await signed(cs, id, { k: 'p', name: { $$typeof: 'react.element' }, organisation: '', t: t + 3 }),
      await signed(cs, id, { k: 'k', s: s1.id, u: t + 365 * 86_400_000, t: t + 4 }),
    ];
    const evil2 = hostileCopy(b);
    evil2.getArray('log').push(fromCarol);
    const rejectedBefore = b.rejectedCount;
    const rowBefore = b.get(s1.id);
    await deliver(evil2, b);
    expect(b.rejectedCount - rejectedBefore).toBe(6);
    expect(b.member(cs.id)?.role).toBe('veilleur');
    expect(b.get(s1.id)).toEqual(rowBefore);
    expect(b.claimOf(s1.id)).toBeUndefined();
    expect(b.rows.has('crash1')).toBe(false);
    const reasons = (await b.rejections(6)).map((r) => r.reason);
    expect(reasons.some((r) => /statut « transmis » réservé/.test(r))).toBe(true);
    expect(reasons.some((r) => /passage de statut interdit/.test(r))).toBe(true);
    expect(reasons.some((r) => /admettent des membres|propre rôle/.test(r))).toBe(true);
  });

  it('n’accepte plus rien d’un membre retiré, après son retrait', async () => {
    const { a, b } = await twoCopies();
    const c = await joined(a, carol, 'veilleur');
    await syncDocs(a, c);
    await syncDocs(a, b);
    await a.membership.remove(c.me.id);
    await syncDocs(a, b);
    // The removed copy has not heard of it yet and writes on.
    const late = await c.create({ text: 'écrit après le retrait' });
    await syncDocs(c, b);
    expect(b.get(late.id)).toBeUndefined();
    expect(b.member(c.me.id)?.removedAt).toBeDefined();
    await expect(b.membership.remove(b.me.id)).rejects.toThrow(/lui-même/);
  });
});
