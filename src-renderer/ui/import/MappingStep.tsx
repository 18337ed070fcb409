// The mapping step: each column of the file → a field of Vigie (guessed, remembered per crisis), a preview
// of the first rows, and for the vocabulary columns (category, priority, status…) one line per distinct
// value with the taxonomy value it will become.
import { useMemo } from 'react';
import { ENUM_LABELS, ENUM_KEYS, ENUM_DEFAULTS } from '../../core/import/values';
import { distinctValues, TARGET_LABELS, TARGETS, type MappingChoices, type SourceTable, type Target } from '../../core/import';
import { useLang } from '../../i18n';
import { useImportText } from './strings';

const PREVIEW = 5;

interface Props {
  name: string;
  table: SourceTable;
  choices: MappingChoices;
  onChange: (c: MappingChoices) => void;
  onCheck: () => void;
  onCancel: () => void;
}

export function MappingStep({ name, table, choices, onChange, onCheck, onCancel }: Props) {
  const t = useImportText();
  const lang = useLang();
  const preview = table.rows.slice(0, PREVIEW);
  const examples = (i: number) =>
    table.rows
      .slice(0, 200)
      .map((r) => r.cells[i]?.trim() ?? '')
      .filter(Boolean)
      .slice(0, 3)
      .map((v) => (v.length > 40 ? v.slice(0, 40) + '…' : v))
      .join(' · ');
  const setColumn = (i: number, target: Target | null) => onChange({ ...choices, columns: choices.columns.map((c, k) => (k === i ? target : c)) });
  const setValue = (target: string, key: string, value: string) =>
    onChange({ ...choices, values: { ...choices.values, [target]: { ...((choices.values as Record<string, Record<string, string>>)[target] ?? {}), [key]: value } } });
  const how = table.format === 'csv' ? `, ${table.encoding}, « ${table.separator === '\t' ? 'tab' : table.separator} »` : '';
  const lists = useMemo(() => distinctValues(table, choices), [table, choices]);

  return (
    <>
      <p>{t('summary', { name, format: table.format.toUpperCase(), how, rows: table.rows.length + table.rejected.length })}</p>
      <h3>{t('columns')}</h3>
      <div className="import-scroll">
        <table className="import-table">
          <thead>
            <tr>
              <th>{t('column')}</th>
              <th>{t('examples')}</th>
              <th>{t('field')}</th>
            </tr>
          </thead>
          <tbody>
            {table.header.map((h, i) => (
              <tr key={i}>
                <td>{h}</td>
                <td className="import-examples">{examples(i)}</td>
                <td>
                  <select aria-label={t('columnLabel', { header: h })} value={choices.columns[i] ?? ''} onChange={(e) => setColumn(i, (e.target.value || null) as Target | null)}>
                    <option value="">{t('ignore')}</option>
                    {TARGETS.map((target) => (
                      <option key={target} value={target}>
                        {TARGET_LABELS[target][lang]}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>{t('preview')}</h3>
      <div className="import-scroll">
        <table className="import-table import-preview">
          <thead>
            <tr>
              <th>{t('line')}</th>
              {table.header.map((h, i) => (
                <th key={i}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.map((r) => (
              <tr key={r.line}>
                <td>{r.line}</td>
                {r.cells.map((c, i) => (
                  <td key={i}>{c.length > 80 ? c.slice(0, 80) + '…' : c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {lists.map(({ target, values, more }) => {
        const labels = ENUM_LABELS[target] as Record<string, { fr: string; en: string }>;
        const fieldLabel = TARGET_LABELS[target][lang];
        return (
          <section key={target} aria-label={t('values', { field: fieldLabel })}>
            <h3>{t('values', { field: fieldLabel })}</h3>
            <table className="import-table">
              <tbody>
                {values.map((v) => (
                  <tr key={v.key}>
                    <td>
                      {v.raw} <small>({t('valueCount', { count: v.count })})</small>
                    </td>
                    <td>
                      <select aria-label={`${fieldLabel} « ${v.raw} »`} value={v.chosen ?? ENUM_DEFAULTS[target]} onChange={(e) => setValue(target, v.key, e.target.value)}>
                        {(ENUM_KEYS[target] as readonly string[]).map((k) => (
                          <option key={k} value={k}>
                            {labels[k][lang]}
                          </option>
                        ))}
                      </select>{' '}
                      {v.chosen === undefined && <small className="import-confirm">{t('toConfirm')}</small>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {more > 0 && <p>{t('more', { count: more })}</p>}
          </section>
        );
      })}

      <div className="actions">
        <button type="button" onClick={onCheck}>
          {t('check')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </>
  );
}
