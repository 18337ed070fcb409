// "Importer": pick a file (CSV, GeoJSON, KML) → confirm the column and value mapping on a preview →
// « Rapport d'import » (every rejected row with its line and reason, duplicates) → write the valid rows
// in one operation with progress. Nothing is written before the last click; reading and checking run in
// slices that yield, so 100,000 rows do not freeze the page.
import { useRef, useState } from 'react';
import {
  analyseImport, applyImport, checkSize, confirmValues, existingLinks, ImportError, ImportWriteError, initialChoices, missingColumns, Placer,
  readImportFile, rowsToWrite, toSaved, zoneOfDepartement, type DuplicateChoice, type ImportReport, type MappingChoices, type Progress, type SavedMapping, type SourceTable,
} from '../../core/import';
import { STATUS_LABELS } from '../../core/labels';
import { can } from '../../core/rules';
import type { Status } from '../../core/taxonomy';
import { loadGazetteer } from '../../map/gazetteer-loader';
import { loadImportMapping, saveImportMapping } from '../../store/import-settings';
import { useCrisisStore, useSession } from '../session';
import { Dialog } from '../sync/Dialog';
import { MappingStep } from './MappingStep';
import { ReportStep } from './ReportStep';
import { useImportText } from './strings';
import './import.css';

type Step =
  | { kind: 'pick' }
  | { kind: 'busy'; label: 'reading' | 'analysing' | 'writing' }
  | { kind: 'mapping' }
  | { kind: 'report'; report: ImportReport }
  | { kind: 'done'; count: number };

export function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported?: (ids: string[]) => void }) {
  const t = useImportText();
  const store = useCrisisStore();
  const { db } = useSession();
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [error, setError] = useState('');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [file, setFile] = useState<{ name: string; table: SourceTable; saved?: SavedMapping } | null>(null);
  const [choices, setChoices] = useState<MappingChoices | null>(null);
  const [duplicateChoice, setDuplicateChoice] = useState<DuplicateChoice>('skip');
  const busy = useRef(false);

  async function guarded(label: 'reading' | 'analysing' | 'writing', task: () => Promise<void>, fallback: Step) {
    if (busy.current) return;
    busy.current = true;
    setError('');
    setProgress(null);
    setStep({ kind: 'busy', label });
    try {
      await task();
    } catch (e) {
      setError(e instanceof ImportError || e instanceof ImportWriteError ? e.message : `Import impossible : ${(e as Error).message}`);
      setStep(fallback);
    } finally {
      busy.current = false;
      setProgress(null);
    }
  }

  const pick = (f: File) =>
    guarded(
      'reading',
      async () => {
        checkSize(f.size); // refused before the file is read into memory
        const table = await readImportFile(new Uint8Array(await f.arrayBuffer()), f.name, { onProgress: setProgress });
        const saved = await loadImportMapping(db, store.crisis.id).catch(() => undefined);
        setFile({ name: f.name, table, saved });
        setChoices(initialChoices(table.header, saved));
        setStep({ kind: 'mapping' });
      },
      { kind: 'pick' },
    );

  const check = () =>
    file &&
    choices &&
    guarded(
      'analysing',
      async () => {
        const missing = missingColumns(choices.columns);
        if (missing) throw new ImportError('missing-columns', `Colonnes manquantes : ${missing}. Rien n’a été importé.`);
        const confirmed = confirmValues(file.table, choices);
        setChoices(confirmed);
        await saveImportMapping(db, store.crisis.id, toSaved(file.table.header, confirmed, file.saved)).catch(() => undefined);
        const needsPlaces = confirmed.columns.some((c) => c === 'communeName' || c === 'communeInsee' || c === 'placeText');
        const gazetteer = needsPlaces ? await loadGazetteer().catch(() => null) : null;
        const report = await analyseImport(
          file.table,
          confirmed,
          { header: file.table.header, zone: zoneOfDepartement(store.crisis.departement), placer: new Placer(gazetteer, store.crisis.departement), statusProblem: statusProblem(store) },
          { existing: existingLinks(store.rows.values()), onProgress: setProgress },
        );
        setStep({ kind: 'report', report });
      },
      { kind: 'mapping' },
    );

  const write = (report: ImportReport) =>
    guarded(
      'writing',
      async () => {
        const ids = await applyImport(store, rowsToWrite(report, duplicateChoice), { onProgress: setProgress });
        setStep({ kind: 'done', count: ids.length });
        onImported?.(ids);
      },
      { kind: 'report', report },
    );

  const title = step.kind === 'mapping' ? t('titleMapping') : step.kind === 'report' || step.kind === 'done' ? t('titleReport') : t('titlePick');
  return (
    <Dialog title={title} onClose={() => !busy.current && onClose()}>
      <div className="import">
        {step.kind === 'pick' && (
          <>
            <p>{t('intro')}</p>
            <label className="file-button">
              {t('file')}
              <input
                type="file"
                accept=".csv,.txt,.tsv,.geojson,.json,.kml,text/csv,application/geo+json,application/vnd.google-earth.kml+xml"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  e.target.value = '';
                  if (f) void pick(f);
                }}
              />
            </label>
          </>
        )}
        {step.kind === 'busy' && (
          <p>
            {t(step.label)}{' '}
            <progress aria-label={t('progress')} max={progress?.total || 1} value={progress ? progress.done : undefined} />
          </p>
        )}
        {step.kind === 'mapping' && file && choices && (
          <MappingStep name={file.name} table={file.table} choices={choices} onChange={setChoices} onCheck={() => void check()} onCancel={onClose} />
        )}
        {step.kind === 'report' && (
          <ReportStep
            report={step.report}
            titleOf={(id) => store.get(id)?.text ?? ''}
            duplicateChoice={duplicateChoice}
            onDuplicateChoice={setDuplicateChoice}
            onImport={() => void write(step.report)}
            onBack={() => setStep({ kind: 'mapping' })}
            onCancel={onClose}
          />
        )}
        {step.kind === 'done' && (
          <>
            <p role="status">{t('done', { count: step.count })}</p>
            <div className="actions">
              <button type="button" onClick={onClose}>
                {t('close')}
              </button>
            </div>
          </>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
    </Dialog>
  );
}

/** Statuses this member may not set (the store would refuse the whole chunk): said per row instead. */
function statusProblem(store: ReturnType<typeof useCrisisStore>): (s: Status) => string {
  const mayForward = can(store.state, store.me.id, 'forward');
  const mayHandle = can(store.state, store.me.id, 'handle');
  return (s) =>
    (s === 'transmis' && !mayForward) || (s === 'traite' && !mayHandle)
      ? `statut « ${STATUS_LABELS[s].fr} » réservé aux coordinateurs et au COD : choisissez un autre statut dans la correspondance des valeurs`
      : '';
}
