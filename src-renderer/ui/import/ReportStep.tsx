// « Rapport d'import »: counts, every rejected row with its line and reason, duplicates (skipped by
// default, or imported linked to the existing sighting), remarks; then import the valid rows or cancel.
import { useState } from 'react';
import { rowsToWrite, type DuplicateChoice, type ImportReport } from '../../core/import';
import { useImportText } from './strings';

/** Long lists show this many lines until "Tout afficher". */
const FIRST = 500;

interface Props {
  report: ImportReport;
  titleOf: (id: string) => string;
  duplicateChoice: DuplicateChoice;
  onDuplicateChoice: (c: DuplicateChoice) => void;
  onImport: () => void;
  onBack: () => void;
  onCancel: () => void;
}

export function ReportStep({ report, titleOf, duplicateChoice, onDuplicateChoice, onImport, onBack, onCancel }: Props) {
  const t = useImportText();
  const unit = report.format === 'csv' ? t('unitCsv') : t('unitObject');
  const count = rowsToWrite(report, duplicateChoice).length;
  const existingDuplicates = report.duplicates.some((d) => d.existingId);
  return (
    <>
      <ul className="import-counts">
        <li>{t('read', { count: report.total })}</li>
        <li>
          {t('valid', { count: report.valid.length })}
          {report.placed > 0 && ` (${t('placed', { count: report.placed })})`}
        </li>
        <li>{t('rejected', { count: report.rejected.length })}</li>
        <li>{t('duplicates', { count: report.duplicates.length })}</li>
        {report.warnings.length > 0 && <li>{t('warnings', { count: report.warnings.length })}</li>}
      </ul>

      {report.rejected.length > 0 && (
        <Lines title={t('rejectedList')} items={report.rejected.map((r) => t('lineItem', { unit, line: r.line, reason: r.reason }))} />
      )}
      {report.duplicates.length > 0 && (
        <>
          <Lines
            title={t('duplicatesList')}
            items={report.duplicates.map((d) =>
              t('lineItem', {
                unit,
                line: d.line,
                reason: d.existingId ? t('dupExisting', { text: short(titleOf(d.existingId)) }) : t('dupInFile', { first: d.firstLine ?? '' }),
              }),
            )}
          />
          {existingDuplicates && (
            <fieldset className="import-choice">
              <label>
                <input type="radio" name="duplicates" checked={duplicateChoice === 'skip'} onChange={() => onDuplicateChoice('skip')} /> {t('dupSkip')}
              </label>
              <label>
                <input type="radio" name="duplicates" checked={duplicateChoice === 'link'} onChange={() => onDuplicateChoice('link')} /> {t('dupLink')}
              </label>
            </fieldset>
          )}
        </>
      )}
      {report.warnings.length > 0 && <Lines title={t('warningsList')} items={report.warnings.map((r) => t('lineItem', { unit, line: r.line, reason: r.reason }))} />}

      <div className="actions">
        <button type="button" disabled={count === 0} onClick={onImport}>
          {count === 0 ? t('nothing') : t('importValid', { count })}
        </button>
        <button type="button" className="secondary" onClick={onBack}>
          {t('back')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </>
  );
}

function Lines({ title, items }: { title: string; items: string[] }) {
  const t = useImportText();
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, FIRST);
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      <ul className="import-lines">
        {shown.map((text, i) => (
          <li key={i}>{text}</li>
        ))}
      </ul>
      {items.length > shown.length && (
        <button type="button" className="link" onClick={() => setAll(true)}>
          {t('showAll', { count: items.length })}
        </button>
      )}
    </section>
  );
}

function short(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 80 ? one.slice(0, 80) + '…' : one;
}
