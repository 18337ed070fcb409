// The workspace's top bar: the crisis's name, a new sighting, exports and imports, the views (table,
// COD, rumours, the panes of views.ts, the verification queue), closing the crisis, who is signed
// in, the language, the map's size, and back to the crisis list.
import { useTranslation } from 'react-i18next';
import type { Sighting } from '../../core/sighting';
import { departementName } from '../../core/departements';
import { HAZARD_LABELS } from '../../core/labels';
import { setLang, useLang } from '../../i18n';
import { ExportControls } from '../export/ExportControls';
import { ImportButton } from '../import/ImportButton';
import { useCrisisStore, useSession } from '../session';
import { CloseControl } from '../workflow/CloseControl';
import { useWorkflowStrings } from '../workflow/strings';
import type { PaneView } from './pane';
import { PANE_VIEWS } from './views';

export type MapMode = 'split' | 'full' | 'hidden';

export interface TopBarProps {
  /** The left pane's view: 'table', 'cod', 'rumours' or a pane's key. */
  view: string;
  mapMode: MapMode;
  /** The rows shown (what "Exporter la sélection" exports). */
  selection: readonly Sighting[];
  onView(view: string): void;
  /** "À vérifier": the verification queue. */
  onQueue(): void;
  onMapMode(mode: MapMode): void;
  onNewSighting(): void;
  onError(e: unknown): void;
}

export function TopBar({ view, mapMode, selection, onView, onQueue, onMapMode, onNewSighting, onError }: TopBarProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { leaveCrisis, identity } = useSession();
  const crisis = useCrisisStore().crisis;
  const w = useWorkflowStrings();
  const full = mapMode === 'full';
  return (
    <header className="topbar">
      <div className="title">
        <h1>{crisis.name}</h1>
        <span className="meta">
          {crisis.departement} {departementName(crisis.departement)} · {HAZARD_LABELS[crisis.hazard][lang]}
        </span>
      </div>
      <button type="button" onClick={onNewSighting}>
        {t('capture.newSighting')}
      </button>
      <ExportControls selection={selection} />
      <ImportButton />
      <nav className="views" aria-label={w.views}>
        {(['table', 'cod', 'rumours'] as const).map((v) => (
          <button key={v} type="button" className="tab" aria-pressed={view === v} onClick={() => onView(v)}>
            {v === 'table' ? w.viewTable : v === 'cod' ? w.viewCod : t('rumours.tab')}
          </button>
        ))}
        {PANE_VIEWS.map((p) => (
          <PaneTab key={p.key} view={p} pressed={view === p.key} onClick={() => onView(p.key)} />
        ))}
        <button type="button" className="tab" onClick={onQueue}>
          {w.viewQueue}
        </button>
      </nav>
      <span className="spacer" />
      <CloseControl onError={onError} />
      <span className="who">{identity?.name}</span>
      <button type="button" className="secondary" aria-label={t('workspace.languageLabel')} onClick={() => setLang(lang === 'fr' ? 'en' : 'fr')}>
        {t('workspace.language')}
      </button>
      {/* Shorter words on a laptop keep the bar on one line; the full name is what is announced. */}
      <button type="button" className="secondary" aria-pressed={full} aria-label={full ? undefined : t('map.fullscreen')} onClick={() => onMapMode(full ? 'split' : 'full')}>
        {full ? t('map.exitFullscreen') : <Label long={t('map.fullscreen')} short={t('map.fullscreenShort')} />}
      </button>
      <button type="button" className="secondary" aria-label={mapMode === 'hidden' ? t('map.show') : t('map.hide')} onClick={() => onMapMode(mapMode === 'hidden' ? 'split' : 'hidden')}>
        {mapMode === 'hidden' ? <Label long={t('map.show')} short={t('map.showShort')} /> : <Label long={t('map.hide')} short={t('map.hideShort')} />}
      </button>
      <button type="button" className="secondary" onClick={() => void leaveCrisis()}>
        {t('workspace.switch')}
      </button>
    </header>
  );
}

/** A button's words, long on a wide screen and short on a laptop (styles.css). */
function Label({ long, short }: { long: string; short: string }) {
  return (
    <>
      <span className="long">{long}</span>
      <span className="short">{short}</span>
    </>
  );
}

function PaneTab({ view, pressed, onClick }: { view: PaneView; pressed: boolean; onClick(): void }) {
  return (
    <button type="button" className="tab" aria-pressed={pressed} onClick={onClick}>
      {view.useLabel()}
    </button>
  );
}
