import { describe, expect, it } from 'vitest';
import { openSealed, sealFor } from '../../../src-renderer/core/rekey';
import { CrisisStore } from '../../../src-renderer/store/crisis-store';
import { VigieDatabase } from '../../../src-renderer/store/database';
import { rekeyCrisis } from '../../../src-renderer/store/registry';
import { carol, joined, syncDocs, twoCopies, reopened } from './helpers';

const texts = (s: CrisisStore) => [...s.rows.values()].map((r) => r.text).sort();

async function reopen(store: CrisisStore): Promise<CrisisStore> {
  const db = (store as unknown as { db: VigieDatabase }).db;
  const next = await rekeyCrisis(db, store.crisis.id, store.rekey!.key, store.rekey!.epoch);
  await store.close();
  return CrisisStore.open(reopened(db), next, store.me);
}

describe('retrait d’un membre et changement de clé', () => {
  it('scelle la nouvelle clé pour chaque membre restant, pas pour le retiré', async () => {
    const x = (await crypto.subtle.generateKey({ name: 'X25519' }, true, ['deriveBits'])) as CryptoKeyPair;
    const pub = Buffer.from(await crypto.subtle.exportKey('raw', x.publicKey)).toString('base64url');
    const sealed = await sealFor('secret', pub, 'crise', 2, 'membre');
    expect(await openSealed(sealed, x.privateKey, 'crise', 2, 'membre')).toBe('secret');
    expect(await openSealed(sealed, x.privateKey, 'crise', 3, 'membre')).toBeNull();
    expect(await openSealed(sealed, x.privateKey, 'crise', 2, 'autre')).toBeNull();
    expect(await openSealed(sealed.slice(0, -2) + 'AA', x.privateKey, 'crise', 2, 'membre')).toBeNull();
  });

  it('un ordinateur perdu : retiré, la clé change, les autres passent à la nouvelle époque avec tout, lui plus rien', async () => {
    const { a, b } = await twoCopies();
    const c = await joined(a, carol, 'veilleur');
    await syncDocs(a, c);
    await syncDocs(a, b);
    await c.create({ text: 'Saisie de Carole avant la perte' });
    await a.create({ text: 'Pont fermé' });
    await syncDocs(a, c);
    await syncDocs(a, b);

    await a.membership.remove(c.me.id);
    const epoch = await a.membership.rotateKey();
    expect(epoch).toBe(1);
    await syncDocs(a, b);
    await syncDocs(a, c); // the lost laptop is still connected to the old epoch, and sees the entry…
    expect(a.rekey?.epoch).toBe(1);
    expect(b.rekey).toEqual(a.rekey);
    expect(c.rekey).toBeNull(); // …but cannot open it
    expect(b.rekey!.key).not.toBe(a.crisis.key);

    const a1 = await reopen(a);
    const b1 = await reopen(b);
    expect(a1.crisis.epoch).toBe(1);
    await a1.docReady;
    // The new epoch's document is seeded from the journal by the one who changed the key.
    expect(a1.doc.getArray('log').length).toBeGreaterThan(5);
    await syncDocs(a1, b1);
    expect(texts(b1)).toEqual(['Pont fermé', 'Saisie de Carole avant la perte']);
    expect(b1.member(c.me.id)?.removedAt).toBeDefined();

    // Work goes on in the new epoch; what the removed copy writes reaches no one, and would be refused.
    await b1.create({ text: 'Après le changement de clé' });
    await syncDocs(a1, b1);
    expect(texts(a1)).toContain('Après le changement de clé');
    await expect(c.create({ text: 'Écrit par l’ordinateur perdu' })).rejects.toThrow(/membre retiré/);
    expect(texts(c)).not.toContain('Après le changement de clé');
    expect(c.crisis.key).not.toBe(a1.crisis.key);
  });

  it('refuse qu’un veilleur change la clé', async () => {
    const { a } = await twoCopies();
    const c = await joined(a, carol, 'veilleur');
    await expect(c.membership.rotateKey()).rejects.toThrow(/changent la clé/);
  });
});
