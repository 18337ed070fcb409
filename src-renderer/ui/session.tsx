// The app's session: the local database, who is using it, the crisis open right now and its sync.
// Components read it through these hooks; they change it only through the actions below.
import { createContext, startTransition, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CrisisRecord, Identity, IdentityInput } from '../core/crisis';
import { NO_ADDRESSES } from '../core/invitation';
import { CrisisStore } from '../store/crisis-store';
import { VigieDatabase } from '../store/database';
import { deviceKeyring } from '../store/encryption/device-keyring';
import { loadIdentity, markOpened, rekeyCrisis, saveIdentity } from '../store/registry';
import { SyncSession } from '../sync/session';
import { applyPurge, finishInterruptedPurge } from '../store/purge-rebuild';
import { purgeBeforeSwitch } from './archive/purge-switch';
import { platform } from '../platform';

interface Open {
  store: CrisisStore;
  sync: SyncSession;
}

interface Session {
  db: VigieDatabase;
  identity: Identity | null;
  store: CrisisStore | null;
  sync: SyncSession | null;
  ready: boolean;
  error: string | null;
  setIdentity(input: IdentityInput): Promise<void>;
  openCrisis(crisis: CrisisRecord): Promise<void>;
  leaveCrisis(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children, dbName }: { children: ReactNode; dbName?: string }) {
  const db = useMemo(() => {
    const d = new VigieDatabase(dbName);
    d.vault = platform.vault;
    d.encryptAtRest(deviceKeyring(platform.vault));
    return d;
  }, [dbName]);
  const [identity, setIdentityState] = useState<Identity | null>(null);
  const [open, setOpen] = useState<Open | null>(null);
  const openRef = useRef<Open | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // A purge interrupted by a crash is finished before anything reads the database.
    finishInterruptedPurge(db)
      .then(() => loadIdentity(db))
      .then(setIdentityState)
      .catch((e: Error) => setError(`Base locale illisible : ${e.message}`))
      .finally(() => setReady(true));
  }, [db]);

  const setIdentity = useCallback(async (input: IdentityInput) => setIdentityState(await saveIdentity(db, input)), [db]);

  const leaveCrisis = useCallback(async () => {
    const current = openRef.current;
    openRef.current = null;
    setOpen(null);
    if (current) {
      current.sync.destroy();
      await current.store.close();
    }
  }, []);

  const openCrisis = useCallback(
    async (crisis: CrisisRecord) => {
      if (!identity) return;
      await leaveCrisis();
      await markOpened(db, crisis.id);
      const store = await CrisisStore.open(db, crisis, identity, Date.now, { progressive: true });
      const sync = new SyncSession(store, crisis.addresses ?? NO_ADDRESSES);
      const opened = { store, sync };
      openRef.current = opened;
      // A transition: React renders the workspace in slices (its first render with the newest rows
      // was one task of 45–73 ms at 100k), and the crisis list stays until it is ready.
      startTransition(() => setOpen(opened));
      // A coordinator changed the crisis's key: reopen on the new epoch (new exchange document,
      // new room and relay document), from the same journal.
      const switchEpoch = (key: string, epoch: number) => {
        if (openRef.current?.store !== store) return;
        // A purge opened this epoch: this copy purges its own database first (store/purge-rebuild.ts).
        const purging = purgeBeforeSwitch(store, sync, epoch, { leave: leaveCrisis, apply: (certificates) => applyPurge(db, crisis.id, certificates) });
        purging
          .then((purged) => rekeyCrisis(db, crisis.id, key, epoch).then((next) => (purged || openRef.current?.store === store ? openCrisisRef.current?.(next) : undefined)))
          .catch((e: Error) => setError(`Changement de clé impossible : ${e.message}`));
      };
      store.onRekey = (key, epoch) => setTimeout(() => switchEpoch(key, epoch), 0);
      if (store.rekey) store.onRekey(store.rekey.key, store.rekey.epoch);
      // The shell learns which self-signed wss:// certificates this crisis trusts before any connection.
      platform.trustRelayCertificates(crisis.addresses?.fingerprints ?? []).then(() => sync.start()).catch((e: Error) => console.warn('Vigie : synchronisation impossible', e));
      store.loaded.catch((e: Error) => setError(`Lecture du registre de la crise impossible : ${e.message}`));
    },
    [db, identity, leaveCrisis],
  );
  const openCrisisRef = useRef(openCrisis);
  openCrisisRef.current = openCrisis;

  const value = { db, identity, store: open?.store ?? null, sync: open?.sync ?? null, ready, error, setIdentity, openCrisis, leaveCrisis };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The open crisis's store (components below the workspace only). */
export function useCrisisStore(): CrisisStore {
  const { store } = useSession();
  if (!store) throw new Error('no crisis open');
  return store;
}

/** The open crisis's sync session (components below the workspace only). */
export function useSyncSession(): SyncSession {
  const { sync } = useSession();
  if (!sync) throw new Error('no crisis open');
  return sync;
}
