import { describe, expect, it } from 'vitest';
import { CrisisStore } from '../../../src-renderer/store/crisis-store';
import { alice, bob, crisisIn, freshDb, syncDocs } from './helpers';

describe('« Je m’en occupe »', () => {
  it('voyage avec la synchronisation, expire tout seul, et seul son auteur le libère', async () => {
    let now = 1_000_000;
    const clock = () => now;
    const dbA = freshDb();
    const dbB = freshDb();
    const crisis = await crisisIn(dbA);
    await dbB.crises.add(crisis);
    const a = await CrisisStore.open(dbA, crisis, alice, clock);
    const b = await CrisisStore.open(dbB, crisis, bob, clock);
    const s = await a.create({ text: 'Famille sur le toit' });
    await a.claim(s.id, 30);
    syncDocs(a.doc, b.doc);
    expect(b.claimOf(s.id)).toEqual({ actor: 'alice', name: 'Alice Martin', until: 1_000_000 + 30 * 60_000 });

    await b.release(s.id);
    syncDocs(a.doc, b.doc);
    expect(a.claimOf(s.id)?.actor).toBe('alice');

    now += 31 * 60_000;
    expect(a.claimOf(s.id)).toBeUndefined();
    expect(b.claimOf(s.id)).toBeUndefined();

    await b.claim(s.id);
    syncDocs(a.doc, b.doc);
    expect(a.claimOf(s.id)?.name).toBe('Bob Durand');
    await b.release(s.id);
    syncDocs(a.doc, b.doc);
    expect(a.claimOf(s.id)).toBeUndefined();
  });

  it('ignore une prise en charge mal formée venue d’un pair', async () => {
    const db = freshDb();
    const store = await CrisisStore.open(db, await crisisIn(db), alice);
    const s = await store.create({ text: 'x' });
    store.doc.getMap('claims').set(s.id, { actor: 42, name: '<b>x</b>', until: 'demain' });
    expect(store.claimOf(s.id)).toBeUndefined();
  });
});
