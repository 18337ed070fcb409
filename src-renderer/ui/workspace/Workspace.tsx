// One open crisis: quick capture, filters, the table, the detail panel and the map, driven by the
// keyboard. Laid out for a 1366×768 laptop as for a 1920×1080 COD screen: the table keeps its width
// when a sighting is opened (the detail takes its room from the map side), and the full-screen map
// leaves only the top bar and the sync bar.
import { useCallback, useDeferredValue, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SORT, EMPTY_FILTER, type SightingFilter, type SortOrder } from '../../core/query';
import { ErrorBoundary } from '../common/ErrorBoundary';
import { DetailPanel } from '../sightings/DetailPanel';
import { FiltersBar } from '../sightings/FiltersBar';
import { useSightingList, useStoreVersion } from '../sightings/hooks';
import { QuickCapture } from '../sightings/QuickCapture';
import { SightingsTable, type TableHandle } from '../sightings/SightingsTable';
import { UndoBar } from '../sightings/UndoBar';
import { useCrisisStore } from '../session';
import { useViewers } from '../sync/hooks';
import { SyncBar } from '../sync/SyncBar';
import { MapView } from '../map/MapView';
import { AfterFirstPaint } from '../common/after-paint';
import { RumoursPanel } from '../rumours/RumoursPanel';
import { SplitDivider } from './SplitDivider';
import { TopBar, type MapMode } from './TopBar';
import { useArchiveUndo } from './useArchiveUndo';
import { useShortcuts } from './useShortcuts';
import type { PaneProps, PaneView } from './pane';
import { PANE_VIEWS } from './views';
import { ClosedActions } from '../archive/ClosedActions';
import { CodView } from '../workflow/CodView';
import { StatusDialog } from '../workflow/StatusDialog';
import { MarkedBar } from '../workflow/MarkedBar';
import { fill, useWorkflowStrings } from '../workflow/strings';

export function Workspace() {
  const { t } = useTranslation();
  const store = useCrisisStore();
  // What the workspace reads of the store besides the rows (the crisis closed, claims, the rows being
  // placed or given a status) is read again at each change of the store, and not at each change of
  // the sync status (several a second while a copy streams the crisis to a newcomer).
  useStoreVersion(store);
  const [filter, setFilter] = useState<SightingFilter>(EMPTY_FILTER);
  const changeFilter = useCallback((change: Partial<SightingFilter>) => setFilter((f) => ({ ...f, ...change })), []);
  const [order, setOrder] = useState<SortOrder>(DEFAULT_SORT);
  const deferredFilter = useDeferredValue(filter);
  const { rows, counts, indexOf, searching, sorting } = useSightingList(deferredFilter, order);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [mapMode, setMapMode] = useState<MapMode>('split');
  /** What the left pane shows: the table, the COD's "Transmis au COD", or the "Rumeurs" region (issue #13). */
  const [view, setView] = useState<string>('table');
  const pane = PANE_VIEWS.find((p) => p.key === view);
  const [statusFor, setStatusFor] = useState<string | null>(null);
  // Rows ticked with Ctrl+click or Espace: forwarded to the COD together.
  const [marked, setMarked] = useState<ReadonlySet<string>>(new Set());
  const toggleMark = (id: string) =>
    setMarked((m) => {
      const next = new Set(m);
      // The first tick keeps the row already selected: Ctrl+click adds to it, as in any list.
      if (!next.size && selectedId && selectedId !== id) next.add(selectedId);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const statusRow = statusFor ? store.get(statusFor) : undefined;
  const w = useWorkflowStrings();
  const [mapShare, setMapShare] = useState(40);
  const [placingId, setPlacingId] = useState<string | null>(null);
  const placingRow = placingId ? store.get(placingId) : undefined;
  const [failure, setFailure] = useState('');
  const urlInput = useRef<HTMLInputElement>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const table = useRef<TableHandle>(null);
  const detailSlot = useRef<HTMLDivElement>(null);
  const crisis = store.crisis;
  const viewers = useViewers();
  const followUp = (id: string) => ({ claim: store.claimOf(id)?.name ?? null, viewers: viewers.get(id) ?? [] });

  // Errors come as Error objects, or as a message already in French (CloseControl).
  const report = useCallback((e: unknown) => setFailure(`${t('workspace.saveError')} : ${e instanceof Error ? e.message : String(e)}`), [t]);
  const restored = useCallback(
    (id: string) => {
      setMessage(t('undo.restored'));
      setSelectedId(id);
      table.current?.focusRow(id);
    },
    [t],
  );
  const undo = useArchiveUndo(store, report, restored);

  const indexOfSelected = indexOf(selectedId);
  useEffect(() => {
    if (indexOfSelected >= 0) table.current?.scrollToIndex(indexOfSelected);
  }, [indexOfSelected]);

  // Opened from the keyboard: the focus goes into the panel (its first control), and Échap brings it back.
  const [focusDetail, setFocusDetail] = useState(0);
  useEffect(() => {
    if (focusDetail) detailSlot.current?.querySelector<HTMLElement>('button, input, select, textarea')?.focus();
  }, [focusDetail]);

  const select = (id: string) => {
    setSelectedId(id);
    table.current?.focusRow(id);
  };
  const open = (id: string) => {
    if (id !== openId) undo.acted();
    setOpenId(id);
  };
  /** A sighting named elsewhere (a duplicate warning, a linked sighting) opened: selected too. */
  const openSighting = (id: string) => {
    setSelectedId(id);
    open(id);
  };
  const closeDetail = () => {
    const id = openId;
    setOpenId(null);
    setPlacingId(null);
    if (id) select(id);
  };

  // The capture form is hidden under the full-screen map: a new sighting brings it back first.
  const newSighting = () => {
    if (mapMode === 'full') flushSync(() => setMapMode('split'));
    urlInput.current?.focus();
  };

  useShortcuts({
    newSighting,
    search: () => searchInput.current?.focus(),
    move: (delta) => {
      if (!rows.length) return;
      select(rows[Math.min(rows.length - 1, Math.max(0, (indexOfSelected < 0 ? -1 : indexOfSelected) + delta))].id);
    },
    page: (direction) => {
      if (!rows.length) return;
      const step = Math.max(1, (table.current?.pageSize() ?? 10) - 1);
      select(rows[Math.min(rows.length - 1, Math.max(0, Math.max(indexOfSelected, 0) + direction * step))].id);
    },
    open: () => {
      if (!selectedId) return;
      open(selectedId);
      setFocusDetail((n) => n + 1);
    },
    setPriority: (priority) => {
      if (!selectedId) return;
      undo.acted();
      store.update(selectedId, { priority }).catch(report);
    },
    archive: () => {
      if (!selectedId) return;
      // The row leaves the list (unless archived ones are shown): the next one takes the selection.
      if (!deferredFilter.statuses.includes('archive') && indexOfSelected >= 0) {
        const next = rows[indexOfSelected + 1] ?? rows[indexOfSelected - 1];
        if (next) select(next.id);
      }
      void undo.archive(selectedId);
    },
    undo: () => undo.undo(),
    closeDetail: () => {
      if (placingId) setPlacingId(null);
      else if (openId) closeDetail();
      else if (mapMode === 'full') setMapMode('split');
    },
    changeStatus: () => selectedId && setStatusFor(selectedId),
  });

  const full = mapMode === 'full';
  return (
    // data-epoch: which key of the crisis this copy is on (it reopens on a new one after a key change).
    <div className={`workspace map-${mapMode}`} data-epoch={crisis.epoch ?? 0}>
      <TopBar
        view={view}
        mapMode={mapMode}
        selection={rows}
        onView={(v) => {
          setView(v);
          // "Remontées" also leaves the verification queue: everything not archived again.
          if (v === 'table') setFilter(EMPTY_FILTER);
        }}
        onQueue={() => {
          // The verification queue: new and being verified, most urgent first.
          setView('table');
          setFilter({ ...EMPTY_FILTER, statuses: ['nouveau', 'en_verification'] });
          setOrder({ key: 'priority', descending: false });
        }}
        onMapMode={setMapMode}
        onNewSighting={newSighting}
        onError={report}
      />
      <ErrorBoundary panel={t('errors.panels.syncBar')}>
        <SyncBar onShowForwarded={() => setView('cod')} />
      </ErrorBoundary>
      {store.state.info?.closed && (
        <div className="banner">
          <p role="status">{fill(w.closedBanner, { name: store.member(store.state.info.closedBy ?? '')?.name ?? '?' })}</p>
          <ClosedActions marked={[...marked]} />
        </div>
      )}
      {failure && (
        <p className="banner error" role="alert">
          {failure}
        </p>
      )}
      {/* Hidden, not unmounted, under the full-screen map: a post being typed is kept. */}
      <div className="above-table" hidden={full}>
        <QuickCapture
          ref={urlInput}
          onSaved={(id) => {
            undo.acted();
            setSelectedId(id);
            setMessage(t('capture.saved'));
          }}
          onOpen={openSighting}
        />
        <FiltersBar ref={searchInput} filter={filter} counts={counts} searching={searching} sorting={sorting} onChange={changeFilter} />
        {marked.size > 0 && <MarkedBar ids={[...marked]} onClear={() => setMarked(new Set())} onError={report} />}
      </div>
      <p className="sr-status" role="status">
        {message}
      </p>
      <div className={`split map-${mapMode}${openId ? ' with-detail' : ''}`}>
        {!full && view === 'rumours' && (
          <ErrorBoundary panel={t('rumours.region')}>
            <RumoursPanel
              selectedIds={selectedId ? [selectedId] : []}
              onSelectSighting={(id) => {
                setSelectedId(id);
                open(id);
              }}
            />
          </ErrorBoundary>
        )}
        {!full && view === 'cod' && (
          <ErrorBoundary panel={w.viewCod}>
            <CodView
              onOpen={(id) => {
                setSelectedId(id);
                open(id);
              }}
            />
          </ErrorBoundary>
        )}
        {!full && pane && (
          <PaneHost
            view={pane}
            open={(id) => {
              setSelectedId(id);
              open(id);
            }}
            report={report}
          />
        )}
        {!full && view === 'table' && (
          <ErrorBoundary panel={t('errors.panels.table')}>
            <SightingsTable ref={table} rows={rows} order={order} selectedId={selectedId} onSort={setOrder} onSelect={setSelectedId} onOpen={open} followUp={followUp} marked={marked} onMark={toggleMark} />
          </ErrorBoundary>
        )}
        {mapMode === 'split' && !pane?.wide && <SplitDivider share={mapShare} onChange={setMapShare} label={t('map.resize')} />}
        {(mapMode !== 'hidden' || openId) && !pane?.wide && (
          // While placing a sighting by clicking the map, the map side widens (to 65 % at least) so the
          // map beside the open detail is large enough to aim at; it narrows back afterwards.
          <div className="side" style={mapMode === 'split' ? { flexBasis: `${placingId ? Math.max(mapShare, 65) : mapShare}%` } : undefined}>
            <div className="detail-slot" ref={detailSlot}>
              {openId && (
                // Another sighting opened: a failed detail panel tries again by itself.
                <ErrorBoundary panel={t('errors.panels.detail')} resetKey={openId}>
                  <DetailPanel
                    id={openId}
                    onClose={closeDetail}
                    onArchive={(id) => void undo.archive(id)}
                    placing={placingId === openId}
                    onTogglePlacing={() => setPlacingId(placingId === openId ? null : openId)}
                    onOpenRumour={() => setView('rumours')}
                    onOpen={openSighting}
                  />
                </ErrorBoundary>
              )}
            </div>
            {mapMode !== 'hidden' && (
              <div className="map-pane">
                <AfterFirstPaint>
                  <ErrorBoundary panel={t('errors.panels.map')}>
                    <MapView
                      rows={rows}
                      selectedId={openId ?? selectedId}
                      onOpen={(id) => {
                        setSelectedId(id);
                        open(id);
                      }}
                      placing={placingRow ? { id: placingRow.id, at: placingRow.lat !== null && placingRow.lon !== null ? { lat: placingRow.lat, lon: placingRow.lon } : null } : null}
                      onPlace={(at) => placingId && store.update(placingId, { lat: at.lat, lon: at.lon, precision: 'exacte' }).catch(report)}
                    />
                  </ErrorBoundary>
                </AfterFirstPaint>
              </div>
            )}
          </div>
        )}
      </div>
      <UndoBar items={undo.items} onUndo={(key) => undo.undo(key)} onDismiss={undo.dismiss} />
      <footer className="shortcuts">{t('workspace.shortcuts')}</footer>
      {statusRow && (
        <StatusDialog
          sighting={statusRow}
          onClose={() => setStatusFor(null)}
          onOpenDetail={() => {
            setSelectedId(statusRow.id);
            open(statusRow.id);
          }}
        />
      )}
    </div>
  );
}

function PaneHost({ view, ...props }: { view: PaneView } & PaneProps) {
  return (
    <ErrorBoundary panel={view.useLabel()}>
      <view.Pane {...props} />
    </ErrorBoundary>
  );
}
