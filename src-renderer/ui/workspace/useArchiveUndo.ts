// Archives and their "Annuler": each archive can be taken back until the user has done a few other
// things (KEEP_FOR further actions: captures, priorities, archives, opened details), never on a timer.
// The newest few are kept; Ctrl+Z takes back the newest.
import { useCallback, useRef, useState } from 'react';
import type { Status } from '../../core/taxonomy';
import type { CrisisStore } from '../../store/crisis-store';
import type { UndoItem } from '../sightings/UndoBar';

/** How many further actions an "Annuler" outlives. */
export const KEEP_FOR = 5;
/** How many "Annuler" are shown at once, the newest last. */
const MAX_SHOWN = 3;

interface Entry extends UndoItem {
  id: string;
  previous: Status;
  /** The action count when it was archived. */
  at: number;
}

export function useArchiveUndo(store: CrisisStore, report: (e: unknown) => void, onRestored: (id: string) => void) {
  const [state, setState] = useState<{ entries: Entry[]; actions: number }>({ entries: [], actions: 0 });
  const current = useRef(state);
  current.current = state;
  const nextKey = useRef(1);

  /** One more action: archives older than KEEP_FOR actions go. */
  const acted = useCallback(() => {
    setState((s) => {
      const actions = s.actions + 1;
      return { actions, entries: s.entries.filter((e) => actions - e.at <= KEEP_FOR) };
    });
  }, []);

  const archive = useCallback(
    async (id: string) => {
      const text = store.get(id)?.text ?? '';
      try {
        const previous = await store.archive(id);
        setState((s) => {
          const actions = s.actions + 1;
          const entry = { key: nextKey.current++, id, previous, text, at: actions };
          return { actions, entries: [...s.entries.filter((e) => actions - e.at <= KEEP_FOR), entry].slice(-MAX_SHOWN) };
        });
      } catch (e) {
        report(e);
      }
    },
    [store, report],
  );

  const remove = (key: number) => setState((s) => ({ ...s, entries: s.entries.filter((e) => e.key !== key) }));

  /** Takes back this archive (the newest without a key); false when there is none. */
  const undo = useCallback(
    (key?: number): boolean => {
      const entries = current.current.entries;
      const entry = key === undefined ? entries[entries.length - 1] : entries.find((e) => e.key === key);
      if (!entry) return false;
      // Gone from the ref at once, so a second Ctrl+Z before the next render takes back the one before.
      current.current = { ...current.current, entries: entries.filter((e) => e !== entry) };
      remove(entry.key);
      store.update(entry.id, { status: entry.previous }).then(() => onRestored(entry.id), report);
      return true;
    },
    [store, report, onRestored],
  );

  const dismiss = useCallback((key: number) => remove(key), []);

  return { items: state.entries as readonly UndoItem[], archive, acted, undo, dismiss };
}
