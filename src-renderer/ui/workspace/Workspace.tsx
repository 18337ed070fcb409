// One open crisis: quick capture, filters, the table and the detail panel, driven by the keyboard.
import { useCallback, useDeferredValue, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { departementName } from '../../core/departements';
import { HAZARD_LABELS } from '../../core/labels';
import { DEFAULT_SORT, EMPTY_FILTER, type SightingFilter, type SortOrder } from '../../core/query';
import type { Status } from '../../core/taxonomy';
import { setLang, useLang } from '../../i18n';
import { ErrorBoundary } from '../common/ErrorBoundary';
import { ExportControls } from '../export/ExportControls';
import { ImportButton } from '../import/ImportButton';
import { DetailPanel } from '../sightings/DetailPanel';
import { FiltersBar } from '../sightings/FiltersBar';
import { useSightingList } from '../sightings/hooks';
import { QuickCapture } from '../sightings/QuickCapture';
import { SightingsTable, type TableHandle } from '../sightings/SightingsTable';
import { UndoBar } from '../sightings/UndoBar';
import { useCrisisStore, useSession } from '../session';
import { useViewers } from '../sync/hooks';
import { SyncBar } from '../sync/SyncBar';
import { MapView } from '../map/MapView';
import { RumoursPanel } from '../rumours/RumoursPanel';
import { SplitDivider } from './SplitDivider';
import { useShortcuts } from './useShortcuts';
import { CloseControl } from '../workflow/CloseControl';
import { CodView } from '../workflow/CodView';
import { StatusDialog } from '../workflow/StatusDialog';
import { fill, useWorkflowStrings } from '../workflow/strings';

export function Workspace() {
  const { t } = useTranslation();
  const lang = useLang();
  const { leaveCrisis, identity } = useSession();
  const store = useCrisisStore();
  const [filter, setFilter] = useState<SightingFilter>(EMPTY_FILTER);
  const [order, setOrder] = useState<SortOrder>(DEFAULT_SORT);
  const deferredFilter = useDeferredValue(filter);
  const { rows, counts, indexOf } = useSightingList(deferredFilter, order);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [undo, setUndo] = useState<{ id: string; previous: Status } | null>(null);
  const [message, setMessage] = useState('');
  const [mapMode, setMapMode] = useState<'split' | 'full' | 'hidden'>('split');
  /** What the left pane shows: the table, the COD's "Transmis au COD", or the "Rumeurs" region (issue #13). */
  const [view, setView] = useState<'table' | 'cod' | 'rumours'>('table');
  const [statusFor, setStatusFor] = useState<string | null>(null);
  const openSighting = (id: string) => {
    setSelectedId(id);
    setOpenId(id);
  };
  const statusRow = statusFor ? store.get(statusFor) : undefined;
  const w = useWorkflowStrings();
  const [mapShare, setMapShare] = useState(45);
  const [placingId, setPlacingId] = useState<string | null>(null);
  const placingRow = placingId ? store.get(placingId) : undefined;
  const [failure, setFailure] = useState('');
  const urlInput = useRef<HTMLInputElement>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const table = useRef<TableHandle>(null);
  const crisis = store.crisis;
  const viewers = useViewers();
  const followUp = (id: string) => {
    const claim = store.claimOf(id);
    const seen = viewers.get(id) ?? [];
    return [claim ? `✋ ${claim.name}` : '', ...seen.map((v) => `👁 ${v.name}${v.editing ? ' ✎' : ''}`)].filter(Boolean).join(' · ');
  };

  const report = (e: unknown) => setFailure(`${t('workspace.saveError')} : ${(e as Error).message}`);
  const archive = useCallback(
    async (id: string) => {
      try {
        const previous = await store.archive(id);
        setUndo({ id, previous });
      } catch (e) {
        report(e);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store],
  );
  const dismissUndo = useCallback(() => setUndo(null), []);

  const indexOfSelected = indexOf(selectedId);
  useEffect(() => {
    if (indexOfSelected >= 0) table.current?.scrollToIndex(indexOfSelected);
  }, [indexOfSelected]);

  useShortcuts({
    newSighting: () => urlInput.current?.focus(),
    search: () => searchInput.current?.focus(),
    move: (delta) => {
      if (!rows.length) return;
      const next = Math.min(rows.length - 1, Math.max(0, (indexOfSelected < 0 ? -1 : indexOfSelected) + delta));
      setSelectedId(rows[next].id);
    },
    open: () => selectedId && setOpenId(selectedId),
    setPriority: (priority) => selectedId && store.update(selectedId, { priority }).catch(report),
    archive: () => selectedId && void archive(selectedId),
    closeDetail: () => (placingId ? setPlacingId(null) : setOpenId(null)),
    changeStatus: () => selectedId && setStatusFor(selectedId),
  });

  return (
    <div className="workspace">
      <header className="topbar">
        <div>
          <h1>{crisis.name}</h1>
          <span className="meta">
            {crisis.departement} {departementName(crisis.departement)} · {HAZARD_LABELS[crisis.hazard][lang]}
          </span>
        </div>
        <button type="button" onClick={() => urlInput.current?.focus()}>
          {t('capture.newSighting')}
        </button>
        <ExportControls selection={rows} />
        <ImportButton />
        <nav className="views" aria-label={w.views}>
          {(['table', 'cod', 'rumours'] as const).map((v) => (
            <button
              key={v}
              type="button"
              className="tab"
              aria-pressed={view === v}
              onClick={() => {
                setView(v);
                // "Remontées" also leaves the verification queue: everything not archived again.
                if (v === 'table') setFilter(EMPTY_FILTER);
              }}
            >
              {v === 'table' ? w.viewTable : v === 'cod' ? w.viewCod : t('rumours.tab')}
            </button>
          ))}
          <button
            type="button"
            className="tab"
            onClick={() => {
              // The verification queue: new and being verified, most urgent first.
              setView('table');
              setFilter({ ...EMPTY_FILTER, statuses: ['nouveau', 'en_verification'] });
              setOrder({ key: 'priority', descending: false });
            }}
          >
            {w.viewQueue}
          </button>
        </nav>
        <span className="spacer" />
        <CloseControl onError={report} />
        <span className="who">{identity?.name}</span>
        <button type="button" className="secondary" aria-label={t('workspace.languageLabel')} onClick={() => setLang(lang === 'fr' ? 'en' : 'fr')}>
          {t('workspace.language')}
        </button>
        <button type="button" className="secondary" aria-pressed={mapMode === 'full'} onClick={() => setMapMode(mapMode === 'full' ? 'split' : 'full')}>
          {mapMode === 'full' ? t('map.exitFullscreen') : t('map.fullscreen')}
        </button>
        <button type="button" className="secondary" onClick={() => setMapMode(mapMode === 'hidden' ? 'split' : 'hidden')}>
          {mapMode === 'hidden' ? t('map.show') : t('map.hide')}
        </button>
        <button type="button" className="secondary" onClick={() => void leaveCrisis()}>
          {t('workspace.switch')}
        </button>
      </header>
      <ErrorBoundary panel={t('errors.panels.syncBar')}>
        <SyncBar onShowForwarded={() => setView('cod')} />
      </ErrorBoundary>
      {store.state.info?.closed && (
        <p className="banner" role="status">
          {fill(w.closedBanner, { name: store.member(store.state.info.closedBy ?? '')?.name ?? '?' })}
        </p>
      )}
      {failure && (
        <p className="banner error" role="alert">
          {failure}
        </p>
      )}
      <QuickCapture
        ref={urlInput}
        onSaved={(id) => {
          setSelectedId(id);
          setMessage(t('capture.saved'));
        }}
        onOpen={openSighting}
      />
      <p className="sr-status" role="status">
        {message}
      </p>
      <FiltersBar ref={searchInput} filter={filter} counts={counts} onChange={setFilter} />
      <div className={`split map-${mapMode}`}>
        {mapMode !== 'full' && view === 'rumours' && (
          <ErrorBoundary panel={t('rumours.region')}>
            <RumoursPanel
              selectedIds={selectedId ? [selectedId] : []}
              onSelectSighting={(id) => {
                setSelectedId(id);
                setOpenId(id);
              }}
            />
          </ErrorBoundary>
        )}
        {mapMode !== 'full' && view === 'cod' && (
          <ErrorBoundary panel={w.viewCod}>
            <CodView
              onOpen={(id) => {
                setSelectedId(id);
                setOpenId(id);
              }}
            />
          </ErrorBoundary>
        )}
        {mapMode !== 'full' && view === 'table' && (
          <ErrorBoundary panel={t('errors.panels.table')}>
            <SightingsTable ref={table} rows={rows} order={order} selectedId={selectedId} onSort={setOrder} onSelect={setSelectedId} onOpen={setOpenId} followUp={followUp} />
          </ErrorBoundary>
        )}
        {mapMode === 'split' && <SplitDivider share={mapShare} onChange={setMapShare} label={t('map.resize')} />}
        {mapMode !== 'hidden' && (
          <div className="map-pane" style={{ flexBasis: mapMode === 'full' ? '100%' : `${mapShare}%` }}>
            <ErrorBoundary panel={t('errors.panels.map')}>
              <MapView
                rows={rows}
                selectedId={openId ?? selectedId}
                onOpen={(id) => {
                  setSelectedId(id);
                  setOpenId(id);
                }}
                placing={placingRow ? { id: placingRow.id, at: placingRow.lat !== null && placingRow.lon !== null ? { lat: placingRow.lat, lon: placingRow.lon } : null } : null}
                onPlace={(at) => placingId && store.update(placingId, { lat: at.lat, lon: at.lon, precision: 'exacte' }).catch(report)}
              />
            </ErrorBoundary>
          </div>
        )}
        {openId && (
          // Another sighting opened: a failed detail panel tries again by itself.
          <ErrorBoundary panel={t('errors.panels.detail')} resetKey={openId}>
            <DetailPanel
              id={openId}
              onClose={() => {
                setOpenId(null);
                setPlacingId(null);
              }}
              onArchive={(id) => void archive(id)}
              placing={placingId === openId}
              onTogglePlacing={() => setPlacingId(placingId === openId ? null : openId)}
              onOpenRumour={() => setView('rumours')}
              onOpen={openSighting}
            />
          </ErrorBoundary>
        )}
      </div>
      <footer className="shortcuts">{t('workspace.shortcuts')}</footer>
      {statusRow && (
        <StatusDialog
          sighting={statusRow}
          onClose={() => setStatusFor(null)}
          onOpenDetail={() => {
            setSelectedId(statusRow.id);
            setOpenId(statusRow.id);
          }}
        />
      )}
      {undo && (
        <UndoBar
          onDismiss={dismissUndo}
          onUndo={() => {
            store.update(undo.id, { status: undo.previous }).catch(report);
            setUndo(null);
          }}
        />
      )}
    </div>
  );
}
