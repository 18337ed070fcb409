// The app's session: the local database, who is using it, and the crisis open right now.
// Components read it through these hooks; they change it only through the actions below.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CrisisRecord, Identity, IdentityInput } from '../core/crisis';
import { CrisisStore } from '../store/crisis-store';
import { VigieDatabase } from '../store/database';
import { loadIdentity, markOpened, saveIdentity } from '../store/registry';

interface Session {
  db: VigieDatabase;
  identity: Identity | null;
  store: CrisisStore | null;
  ready: boolean;
  error: string | null;
  setIdentity(input: IdentityInput): Promise<void>;
  openCrisis(crisis: CrisisRecord): Promise<void>;
  leaveCrisis(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children, dbName }: { children: ReactNode; dbName?: string }) {
  const db = useMemo(() => new VigieDatabase(dbName), [dbName]);
  const [identity, setIdentityState] = useState<Identity | null>(null);
  const [store, setStore] = useState<CrisisStore | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    loadIdentity(db)
      .then(setIdentityState)
      .catch((e: Error) => setError(`Base locale illisible : ${e.message}`))
      .finally(() => setReady(true));
  }, [db]);

  const setIdentity = useCallback(async (input: IdentityInput) => setIdentityState(await saveIdentity(db, input)), [db]);

  const openCrisis = useCallback(
    async (crisis: CrisisRecord) => {
      if (!identity) return;
      await store?.close();
      setStore(null);
      await markOpened(db, crisis.id);
      setStore(await CrisisStore.open(db, crisis, identity));
    },
    [db, identity, store],
  );

  const leaveCrisis = useCallback(async () => {
    await store?.close();
    setStore(null);
  }, [store]);

  const value = { db, identity, store, ready, error, setIdentity, openCrisis, leaveCrisis };
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
