// The « Point » pane: the period (presets or from/to), the report as it will print, and
// « Imprimer / PDF » (desktop: a PDF through the shell's printToPDF; web: the browser's print dialog).
// The report is rebuilt from the store when the record changes or the period is changed.
import { useEffect, useMemo, useState } from 'react';
import { departementName } from '../../core/departements';
import { timeZoneOf } from '../../core/export/time';
import { HAZARD_LABELS, ROLE_LABELS } from '../../core/labels';
import { basemapLayer, dotsLayer, snapshotFrame, type MapSnapshot } from '../../core/situation-map';
import { buildSituationReport, periodError, presetPeriod, type Period, type PeriodPreset } from '../../core/situation-report';
import { loadBuiltInData, type BuiltInData } from '../../map/basemap/builtin-data';
import { platform } from '../../platform';
import { useCrisisStore } from '../session';
import { useStoreVersion } from '../sightings/hooks';
import type { PaneProps } from '../workspace/pane';
import { relayInputOf } from './relay-input';
import { SituationReport, type ReportHeader } from './SituationReport';
import { useSituationStrings } from './strings';
import './situation.css';

/** What the pane shows: a preset ending when the report is made, or a fixed period. */
type Choice = { preset: PeriodPreset } | { period: Period };

const MAP_WIDTH = 700;
const MAP_HEIGHT = 460;

export function SituationPane({ report: reportError }: PaneProps) {
  const s = useSituationStrings();
  const store = useCrisisStore();
  const version = useStoreVersion(store);
  const [choice, setChoice] = useState<Choice>({ preset: '12h' });
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [problem, setProblem] = useState('');
  const [notice, setNotice] = useState('');
  const [basemap, setBasemap] = useState<BuiltInData | null>(null);
  useEffect(() => {
    let live = true;
    loadBuiltInData().then((d) => live && setBasemap(d), reportError);
    return () => {
      live = false;
    };
  }, [reportError]);

  const info = store.state.info;
  const departement = info?.departement ?? store.crisis.departement;
  // Built again on every change of the record: a preset's period ends at the moment it is made.
  const built = useMemo(() => {
    const now = Date.now();
    const period = 'preset' in choice ? presetPeriod(choice.preset, now) : choice.period;
    const report = buildSituationReport({ rows: store.rows.values(), get: (id) => store.get(id), workflow: store.state.workflow, period, relay: relayInputOf(store) });
    return { report, now };
  }, [store, version, choice]); // eslint-disable-line react-hooks/exhaustive-deps
  // The basemap is clipped again only when the frame changes (a new period rarely moves it).
  const box = basemap ? snapshotFrame(basemap.departements, departement, built.report.points) : null;
  const boxKey = box?.join(',') ?? '';
  const background = useMemo(
    () => (basemap && box ? basemapLayer({ land: basemap.land, departements: basemap.departements, departement, box, width: MAP_WIDTH, height: MAP_HEIGHT }) : null),
    [basemap, boxKey, departement], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const snapshot: MapSnapshot | null = useMemo(
    () => (box && background ? { width: MAP_WIDTH, height: MAP_HEIGHT, box, ...background, ...dotsLayer({ points: built.report.points, box, width: MAP_WIDTH, height: MAP_HEIGHT }) } : null),
    [background, built], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const me = store.member(store.me.id);
  const header: ReportHeader = {
    crisis: info?.name ?? store.crisis.name,
    departement: `${departement} ${departementName(departement)}`,
    hazard: HAZARD_LABELS[info?.hazard ?? store.crisis.hazard].fr,
    sinceStart: 'preset' in choice && choice.preset === 'all',
    periodKey: 'preset' in choice ? choice.preset : 'custom',
    generatedAt: built.now,
    generatedBy: [store.me.name, store.me.organisation, me ? ROLE_LABELS[me.role].fr : ''].filter(Boolean).join(', '),
    timeZone: timeZoneOf(departement),
  };

  const applyRange = () => {
    const period = { from: Date.parse(from), to: Date.parse(to) };
    const error = periodError(period);
    setProblem(error ?? '');
    if (!error) setChoice({ period });
  };
  const print = () => {
    setNotice(s.printing);
    platform
      .printToPdf({ suggestedName: fileName(header.crisis, built.now) })
      .then((saved) => setNotice(saved && platform.shell === 'electron' ? s.saved : ''))
      .catch((e: unknown) => {
        setNotice('');
        reportError(e);
      });
  };
  const presets: [PeriodPreset, string][] = [
    ['all', s.presetAll],
    ['12h', s.preset12],
    ['24h', s.preset24],
  ];
  return (
    <section className="situation" aria-label={s.region}>
      <div className="situation-controls">
        <fieldset>
          <legend>{s.period}</legend>
          {presets.map(([preset, label]) => (
            <button key={preset} type="button" className="tab" aria-pressed={'preset' in choice && choice.preset === preset} onClick={() => setChoice({ preset })}>
              {label}
            </button>
          ))}
          <label>
            {s.from} <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            {s.to} <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <button type="button" className="secondary" onClick={applyRange}>
            {s.apply}
          </button>
        </fieldset>
        <button type="button" onClick={print}>
          {s.print}
        </button>
        <span role="status">{notice}</span>
      </div>
      {problem && (
        <p className="banner error" role="alert">
          {s.invalid} : {problem}
        </p>
      )}
      <SituationReport report={built.report} header={header} snapshot={snapshot} nameOf={(id) => store.member(id)?.name || '?'} />
    </section>
  );
}

/** « point-de-situation-crue-du-tarn-20261127-1405-diffusion-restreinte.pdf » */
function fileName(crisis: string, now: number): string {
  const slug = crisis.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'crise';
  const d = new Date(now);
  const p = (n: number) => String(n).padStart(2, '0');
  return `point-de-situation-${slug}-${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}-diffusion-restreinte.pdf`;
}
