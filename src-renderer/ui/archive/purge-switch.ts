// What a copy does when the crisis moves to an epoch a purge opened: the purge's author first lets
// its certificates and the new key reach the others on the old epoch (and asks the relay to forget
// the old document), then the crisis is closed here, the database purged, and the caller reopens it
// on the new key, with a new, empty exchange document seeded from the purged journal.
import type { CrisisStore } from '../../store/crisis-store';
import type { SyncSession } from '../../sync/session';

const DELIVERY_WAIT_MS = 10_000;

/** Resolves once a transport holds every local change, or after `ms` (offline: at once). */
async function delivered(sync: SyncSession, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const status = sync.status();
    if (!status.configured || status.paused) return;
    if (status.transports.some((t) => t.holdsEverything) || (status.unconfirmed === 0 && status.transports.some((t) => t.peers > 0))) return;
    if (Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

type Certificates = ReturnType<CrisisStore['state']['purge']['forEpoch']>;

/** True when a purge was applied (the crisis was left and must be reopened on `epoch`). */
export async function purgeBeforeSwitch(
  store: CrisisStore,
  sync: SyncSession,
  epoch: number,
  actions: { leave(): Promise<void>; apply(certificates: Certificates): Promise<unknown> },
): Promise<boolean> {
  const certificates = store.state.purge.forEpoch(epoch);
  if (!certificates.length) return false;
  if (certificates.some((c) => c.a === store.me.id)) {
    await store.settled();
    await delivered(sync, DELIVERY_WAIT_MS);
    // The relay keeps the old epoch's document (every value ever written): it forgets it, keeping
    // only the purge's certificates and new key for members who are still on the old key.
    const keep = (await store.history()).filter((r) => {
      const body = JSON.parse(r.d) as { k: string; e?: number };
      return (body.k === 's' || body.k === 'v') && body.e === epoch;
    });
    await sync.forgetRelayDocuments(keep.map(({ d, g }) => ({ d, g })));
  }
  await actions.leave();
  await actions.apply(certificates);
  return true;
}
