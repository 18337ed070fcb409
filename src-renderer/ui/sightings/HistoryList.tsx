// Who changed what, when: before → after, newest first. Values are shown as text (empty while the
// history is read from the journal: see useHistory).
import { useTranslation } from 'react-i18next';
import { FIELD_LABELS } from '../../core/labels';
import { useLang } from '../../i18n';
import { formatTime, formatValue, isoTime } from '../common/format';
import { useHistory } from './hooks';

export function HistoryList({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const lines = useHistory(id);
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
                <span className="after">{formatValue(l.field, l.after, lang)}</span> <em>({t('detail.created')})</em>
              </>
            ) : (
              <>
                <span className="before">{formatValue(l.field, l.before, lang)}</span> → <span className="after">{formatValue(l.field, l.after, lang)}</span>
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
