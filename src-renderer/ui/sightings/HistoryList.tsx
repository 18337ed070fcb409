// Who changed what, when: before → after, newest first. Values are shown as text (empty while the
// history is read from the journal: see useHistory).
import { useTranslation } from 'react-i18next';
import { FIELD_LABELS } from '../../core/labels';
import type { FieldName } from '../../core/sighting';
import { useLang } from '../../i18n';
import { formatTime, formatValue, isoTime } from '../common/format';
import { useCrisisStore } from '../session';
import { shortText } from './duplicate-strings';
import { useHistory } from './hooks';

export function HistoryList({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const lines = useHistory(id);
  const store = useCrisisStore();
  // A duplicate's original is named by its text, never by its id.
  const show = (field: FieldName, v: unknown) => {
    const original = field === 'duplicateOf' && typeof v === 'string' && v ? store.get(v) : undefined;
    return original ? `« ${shortText(original.text || original.url, 60)} »` : formatValue(field, v, lang);
  };
  return (
    <section aria-label={t('detail.history')} className="history" aria-busy={lines === null}>
      <h3>{t('detail.history')}</h3>
      <ol>
        {(lines ?? []).map((l, i) => (
          <li key={i}>
            <time dateTime={isoTime(l.at)}>{formatTime(l.at, lang)}</time> <strong>{l.actorName}</strong> ·{' '}
            <span className="hfield">{FIELD_LABELS[l.field][lang]}</span> :{' '}
            {l.creation ? (
              <>
                <span className="after">{show(l.field, l.after)}</span> <em>({t('detail.created')})</em>
              </>
            ) : (
              <>
                <span className="before">{show(l.field, l.before)}</span> → <span className="after">{show(l.field, l.after)}</span>
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
