// The sync bar's « Préparation de l'échange… »: a crisis opens to its table first, and its exchange
// document is loaded after; until then no transport connects, and the session says so.
import { describe, expect, it } from 'vitest';
import { CrisisStore } from '../../src-renderer/store/crisis-store';
import { SyncSession } from '../../src-renderer/sync/session';
import { alice, crisisIn, freshDb } from '../unit/store/helpers';

describe('sync session while the exchange document loads', () => {
  it('is « preparing » until the document is loaded, then says it changed', async () => {
    const db = freshDb();
    const store = await CrisisStore.open(db, await crisisIn(db), alice, Date.now, { progressive: true });
    const session = new SyncSession(store, { signaling: [], relay: [], ice: [] });
    let heard = 0;
    session.subscribe(() => heard++);
    expect(session.status().preparing).toBe(true);
    await store.docReady;
    await Promise.resolve();
    expect(session.status().preparing).toBe(false);
    expect(heard).toBeGreaterThan(0);
    session.destroy();
    await store.close();
  });
});
