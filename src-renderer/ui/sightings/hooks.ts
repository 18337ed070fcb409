// How components read sightings: snapshots of the store, recomputed when it changes.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { historyLines } from '../../core/changes';
import type { Entry, SightingBody } from '../../core/records';
import type { SightingFilter, SortOrder } from '../../core/query';
import { SightingView } from '../../core/sighting-view';
import { Slicer, yieldToEventLoop } from '../../core/slicer';
import type { Sighting } from '../../core/sighting';
import type { CrisisStore } from '../../store/crisis-store';
import { useCrisisStore } from '../session';
import { inTurn, whenIdle } from '../common/idle-slice';

export function useStoreVersion(store: CrisisStore): number {
  return useSyncExternalStore(
    (onChange) => store.subscribe(onChange),
    () => store.version,
  );
}

/**
 * The table's rows, filtered, sorted and counted: one view per store, updated with the ids the store
 * says changed (core/sighting-view.ts), so an edit, a keystroke or a sort costs a few milliseconds at
 * 100,000 rows. What makes them cheap (the search index, column orders) is built while the page is idle.
 */
export function useSightingList(filter: SightingFilter, order: SortOrder) {
  const store = useCrisisStore();
  // store.rows changes identity once, when a progressive open has read the journal.
  const onStore = useCallback((onChange: () => void) => store.subscribe(onChange), [store]);
  const source = useSyncExternalStore(onStore, () => store.rows);
  const [shown, setShown] = useState(() => ({ store, view: new SightingView(source, filter, order) }));
  let view = shown.view;
  if (shown.store !== store) {
    // Another crisis: its own view at once, never the previous crisis's rows meanwhile.
    view = new SightingView(source, filter, order);
    setShown({ store, view });
  }
  const setView = useCallback((v: SightingView) => setShown({ store, view: v }), [store]);
  // The whole crisis swapped in for the preview: its view is built in slices beside the one shown.
  const latest = useRef({ filter, order });
  latest.current = { filter, order };
  useEffect(() => (view.isOf(source) ? undefined : buildInSlices(store, source, latest.current, setView)), [store, source, view]);
  // Every render shows the view for its own filter and order (no-ops when unchanged), even when
  // React dropped a render that had set others (an interrupted transition).
  view.setFilter(filter);
  view.setOrder(order);
  // A query or a sort left waiting by the view (its index or order not built yet).
  const waiting = view.searching || view.sorting;
  // Who re-renders when the view changes outside a store change (a waiting search answered).
  const listeners = useMemo(() => new Set<() => void>(), [view]);
  const subscribe = useCallback(
    (onChange: () => void) => {
      listeners.add(onChange);
      const off = store.subscribe((changed) => {
        view.update(changed);
        onChange();
      });
      return () => {
        listeners.delete(onChange);
        off();
      };
    },
    [store, view, listeners],
  );
  const version = useSyncExternalStore(subscribe, () => view.version);
  const changed = useCallback(() => listeners.forEach((f) => f()), [listeners]);
  // A query typed before the search index was ready: the warm-up runs now in slices, not only when
  // idle, until the view answers the newest query (even while the journal is still being read).
  useEffect(() => (waiting ? answerSoon(view, changed) : undefined), [view, waiting, changed]);
  const warming = useRef<{ kick(): void } | null>(null);
  // After a search too: the warm-up goes on (or starts, if the store was still loading when it was set up).
  useEffect(() => {
    if (!store.loading) warming.current?.kick();
  }, [filter.text, store]);
  useEffect(() => {
    // Once the journal is read, and again whenever rows arrive or change (a sync, an import).
    const warm = warmUp(view, changed, store.docReady);
    warming.current = warm;
    if (!store.loading) warm.kick();
    const off = store.subscribe((changed) => changed.size && !store.loading && warm.kick());
    return () => {
      off();
      warm.stop();
    };
  }, [store, view, changed]);
  return useMemo(
    () => ({ rows: view.rows, counts: view.statusCounts, total: view.total, searching: view.searching, sorting: view.sorting, indexOf: (id: string | null) => (id ? view.indexOf(id) : -1) }),
    // version stands for the view's content
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [view, version, filter, order],
  );
}

/**
 * A view of the whole crisis built in 8 ms slices while the preview's stays on screen (one task of
 * ~100–170 ms at 100,000 rows otherwise); what the store changed meanwhile is applied before it shows.
 */
function buildInSlices(store: CrisisStore, source: ReadonlyMap<string, Sighting>, at: { filter: SightingFilter; order: SortOrder }, show: (v: SightingView) => void): () => void {
  const next = new SightingView(source, at.filter, at.order, { deferred: true });
  const changed = new Set<string>();
  const off = store.subscribe((ids) => ids.forEach((id) => changed.add(id)));
  let cancel: () => void;
  const step = (more: () => boolean) => {
    if (!next.prepare(more)) return void (cancel = inTurn(step));
    off();
    next.update(changed);
    show(next);
  };
  cancel = inTurn(step);
  return () => {
    cancel();
    off();
  };
}

/**
 * The search index and column orders built in slices, so the first keystroke or click finds them
 * ready: in idle time, except while the exchange document loads after an open. That loading leaves
 * no idle time for seconds (30–40 s with a long history: a search typed then waited 3 s for the
 * index), so meanwhile the warm-up takes its 8 ms slices in turn with it. Rows arriving from a peer
 * (a newcomer receiving the crisis) stay idle-time work: the intake comes first.
 */
function warmUp(view: SightingView, changed: () => void, docReady: Promise<void>): { kick(): void; stop(): void } {
  let cancel: (() => void) | undefined;
  let scheduled = false;
  let stopped = false;
  let docLoading = true;
  void docReady.finally(() => (docLoading = false)).catch(() => undefined);
  const step = (more: () => boolean) => {
    scheduled = false;
    if (stopped) return;
    const version = view.version;
    const done = view.warm(more);
    if (view.version !== version) afterThisTask(changed);
    if (!done) kick();
  };
  const kick = () => {
    if (scheduled || stopped) return;
    scheduled = true;
    cancel = docLoading ? inTurn(step) : whenIdle(step, 50);
  };
  return {
    kick,
    stop() {
      stopped = true;
      cancel?.();
    },
  };
}

/**
 * The warm-up in slices of ~10 ms one after the other (a macrotask turn between two: a keystroke,
 * a frame), until the view has answered its waiting query: 1.5–2 s of work at 100,000 rows, which
 * idle callbacks alone would spread over several seconds. Stopped when the query no longer waits.
 */
function answerSoon(view: SightingView, changed: () => void): () => void {
  let stopped = false;
  void (async () => {
    const slicer = new Slicer(10);
    while (!stopped && (view.searching || view.sorting)) {
      const version = view.version;
      view.warm(() => !slicer.due());
      await slicer.yieldNow();
      // Rendered in a task of its own, not after the slice that answered (one long task).
      if (view.version !== version && !stopped) changed();
    }
  })();
  return () => {
    stopped = true;
  };
}

/** Runs f in a later macrotask: a render it causes does not lengthen the current task. */
function afterThisTask(f: () => void): void {
  void yieldToEventLoop().then(f);
}

export function useSighting(id: string | null) {
  const store = useCrisisStore();
  useStoreVersion(store);
  return id ? store.get(id) : undefined;
}

/**
 * A sighting's history lines (null while read). The history is not kept in memory: it is read from
 * the journal when shown, and again when this sighting changes.
 */
export function useHistory(id: string) {
  const store = useCrisisStore();
  // Member names can change without the sighting changing.
  const version = useStoreVersion(store);
  const [read, setRead] = useState<{ id: string; entries: Entry<SightingBody>[] } | null>(null);
  const [changes, setChanges] = useState(0);
  useEffect(() => store.subscribe((changed) => changed.has(id) && setChanges((c) => c + 1)), [store, id]);
  useEffect(() => {
    let current = true;
    store.entries(id).then(
      (entries) => current && setRead({ id, entries }),
      (e: Error) => console.warn('Vigie : historique illisible', e.message),
    );
    return () => {
      current = false;
    };
  }, [store, id, changes]);
  return useMemo(
    () => (read?.id === id ? historyLines(read.entries).map((l) => ({ ...l, actorName: store.member(l.actor)?.name ?? l.actor })) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, id, read, version],
  );
}
