// While capturing: the likely duplicates of the post being typed, under the form. It never takes the
// focus nor blocks saving; each entry unfolds to compare (whole text, link, place) and, when the
// workspace allows it, opens the sighting.
import { useState } from 'react';
import { candidateText } from '../../core/duplicate-reasons';
import type { Candidate } from '../../core/duplicates';
import { useLang } from '../../i18n';
import { formatTime } from '../common/format';
import { useCrisisStore } from '../session';
import { shortText, useDuplicateText } from './duplicate-strings';
import './duplicates.css';

interface Props {
  candidates: readonly Candidate[];
  onOpen?: (id: string) => void;
}

export function DuplicateWarning({ candidates, onOpen }: Props) {
  const d = useDuplicateText();
  const lang = useLang();
  const store = useCrisisStore();
  const [unfolded, setUnfolded] = useState<string | null>(null);
  if (!candidates.length) return null;
  return (
    <section className="dup-warning" aria-label={d('warningRegion')}>
      <p aria-live="polite">{d('warning', { count: candidates.length })}</p>
      <ul className="dup-list">
        {candidates.map((c) => {
          const s = store.get(c.id);
          if (!s) return null;
          const open = unfolded === c.id;
          return (
            <li key={c.id} data-id={c.id}>
              <button type="button" className="link" aria-expanded={open} onClick={() => setUnfolded(open ? null : c.id)}>
                « {shortText(s.text || s.url, 80) || d('untitled')} »
              </button>{' '}
              <span className="why">— {candidateText(c, lang)}</span>
              {open && (
                <div className="dup-more">
                  {s.text && <div>{s.text}</div>}
                  {s.url && <div>{s.url}</div>}
                  <div className="why">
                    {[s.placeText || s.communeName, formatTime(s.createdAt, lang), store.member(s.createdBy)?.name].filter(Boolean).join(' · ')}
                  </div>
                  {onOpen && (
                    <button type="button" className="secondary" onClick={() => onOpen(c.id)}>
                      {d('open')}
                    </button>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
