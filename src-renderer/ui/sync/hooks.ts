// Reading the sync session's status from components.
import { useRef, useSyncExternalStore } from 'react';
import type { PeerPresence, SyncStatus } from '../../sync/session';
import { useSyncSession } from '../session';

export function useSyncStatus(): SyncStatus {
  const sync = useSyncSession();
  return useSyncExternalStore(
    (onChange) => sync.subscribe(onChange),
    () => sync.status(),
  );
}

type Viewers = Map<string, { name: string; editing: boolean }[]>;

/**
 * Who else is looking at each sighting: id → names (with "modifie" when editing). The same map for as
 * long as that does not change: the status changes several times a second while a copy streams the
 * crisis to a newcomer (transports, state vectors), and the workspace, which reads this, re-rendered
 * with each (24 of the 32 MB an open copy allocated during a 100k join).
 */
export function useViewers(): Viewers {
  const sync = useSyncSession();
  const kept = useRef<{ key: string; viewers: Viewers } | null>(null);
  return useSyncExternalStore(
    (onChange) => sync.subscribe(onChange),
    () => {
      const { peers } = sync.status();
      const key = viewersKey(peers);
      if (kept.current?.key !== key) kept.current = { key, viewers: viewersOf(peers) };
      return kept.current.viewers;
    },
  );
}

function viewersKey(peers: readonly PeerPresence[]): string {
  let key = '';
  for (const p of peers) if (p.viewing) key += `${p.viewing}\u0000${p.name}\u0000${p.editing ? 1 : 0}\u0001`;
  return key;
}

function viewersOf(peers: readonly PeerPresence[]): Viewers {
  const map: Viewers = new Map();
  for (const p of peers) {
    if (!p.viewing) continue;
    const list = map.get(p.viewing) ?? [];
    list.push({ name: p.name, editing: !!p.editing });
    map.set(p.viewing, list);
  }
  return map;
}
