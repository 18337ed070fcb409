import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CrisisStore } from '../../../src-renderer/store/crisis-store';
import { alice, carol, crisisIn, freshDb, joined, syncDocs } from './helpers';

describe('« Je m’en occupe »', () => {
  it('voyage avec la synchronisation, expire tout seul, et seul son auteur (ou un coordinateur) le libère', async () => {
    let now = Date.UTC(2026, 10, 23, 14);
    const start = now;
    const clock = () => now;
    const dbA = freshDb();
    const a = await CrisisStore.open(dbA, await crisisIn(dbA, now), alice, clock);
    const c = await joined(a, carol, 'veilleur', clock);
    await syncDocs(a, c);
    const s = await a.create({ text: 'Famille sur le toit' });
    await a.claim(s.id, 30);
    await syncDocs(a, c);
    expect(c.claimOf(s.id)).toMatchObject({ actor: a.me.id, name: 'Alice Martin' });
    expect(c.claimOf(s.id)!.until - start).toBeGreaterThanOrEqual(30 * 60_000);

    await c.release(s.id); // not hers: nothing is written
    await syncDocs(a, c);
    expect(a.claimOf(s.id)?.actor).toBe(a.me.id);

    now += 31 * 60_000;
    expect(a.claimOf(s.id)).toBeUndefined();
    expect(c.claimOf(s.id)).toBeUndefined();

    await c.claim(s.id, 24 * 60); // asked for a day: capped at 30 minutes
    await syncDocs(a, c);
    expect(a.claimOf(s.id)?.name).toBe('Carole Petit');
    expect(a.claimOf(s.id)!.until - now).toBeLessThanOrEqual(30 * 60_000 + 10);
    await c.release(s.id);
    await syncDocs(a, c);
    expect(a.claimOf(s.id)).toBeUndefined();
  });

  it('ignore une prise en charge déposée hors du registre signé', async () => {
    const db = freshDb();
    const store = await CrisisStore.open(db, await crisisIn(db), alice);
    const s = await store.create({ text: 'x' });
    await store.docReady;
    Y.transact(store.doc, () => store.doc.getMap('claims').set(s.id, { actor: 42, name: '<b>x</b>', until: 'demain' }), 'peer');
    await store.settled();
    expect(store.claimOf(s.id)).toBeUndefined();
  });
});
