// Who changed what, when: before → after, newest first. Values are shown as text. The history is not
// kept in memory: it is read from the journal when shown, and again when this sighting changes.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { historyLines } from '../../core/changes';
import { FIELD_LABELS } from '../../core/labels';
import type { Entry, SightingBody } from '../../core/records';
import { useLang } from '../../i18n';
import { formatTime, formatValue, isoTime } from '../common/format';
import { useCrisisStore } from '../session';
import { useStoreVersion } from './hooks';

function useHistory(id: string) {
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
