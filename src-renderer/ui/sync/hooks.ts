// Reading the sync session's status from components.
import { useSyncExternalStore } from 'react';
import type { SyncStatus } from '../../sync/session';
import { useSyncSession } from '../session';

export function useSyncStatus(): SyncStatus {
  const sync = useSyncSession();
  return useSyncExternalStore(
    (onChange) => sync.subscribe(onChange),
    () => sync.status(),
  );
}

/** Who else is looking at each sighting: id → names (with "modifie" when editing). */
export function useViewers(): Map<string, { name: string; editing: boolean }[]> {
  const { peers } = useSyncStatus();
  const map = new Map<string, { name: string; editing: boolean }[]>();
  for (const p of peers) {
    if (!p.viewing) continue;
    const list = map.get(p.viewing) ?? [];
    list.push({ name: p.name, editing: !!p.editing });
    map.set(p.viewing, list);
  }
  return map;
}
