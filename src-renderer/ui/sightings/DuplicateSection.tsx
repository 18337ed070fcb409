// The duplicate part of the detail panel: "Doublon de « … »" as a link to the original (never a raw
// id), the sightings linked to this one as its duplicates ("Sources liées (N)"), and, on demand,
// the picker that links this sighting under its original.
import { useEffect, useMemo, useState } from 'react';
import { FIELD_LABELS } from '../../core/labels';
import type { Sighting } from '../../core/sighting';
import { canTransition } from '../../core/taxonomy';
import { useLang } from '../../i18n';
import { useCrisisStore } from '../session';
import { useDuplicateIndex } from './duplicate-index';
import { shortText, useDuplicateText } from './duplicate-strings';
import { DuplicatePicker } from './DuplicatePicker';
import './duplicates.css';

interface Props {
  sighting: Sighting;
  /** The status chosen in the panel is "doublon": the picker opens by itself. */
  wanted: boolean;
  /** The panel's error for the duplicateOf field, if any. */
  error?: string;
  onOpen?: (id: string) => void;
}

export function DuplicateSection({ sighting: s, wanted, error, onOpen }: Props) {
  const d = useDuplicateText();
  const lang = useLang();
  const store = useCrisisStore();
  const { index, version } = useDuplicateIndex();
  const [searching, setSearching] = useState<boolean | null>(null);
  const [notice, setNotice] = useState('');
  const [failure, setFailure] = useState('');
  useEffect(() => {
    setSearching(null);
    setNotice('');
    setFailure('');
  }, [s.id]);
  const linked = useMemo(
    () => index.duplicatesOf(s.id).flatMap((id) => store.get(id) ?? []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [index, version, s.id, store.version],
  );
  const original = s.duplicateOf ? store.get(s.duplicateOf) : undefined;
  const showPicker = searching ?? (wanted && !s.duplicateOf);
  const name = (row: Sighting) => `« ${shortText(row.text || row.url) || d('untitled')} »`;
  const to = (row: Sighting) =>
    onOpen ? (
      <button type="button" className="link" onClick={() => onOpen(row.id)}>
        {name(row)}
      </button>
    ) : (
      <span>{name(row)}</span>
    );

  async function unlink() {
    setFailure('');
    try {
      await store.update(s.id, { status: canTransition(s.status, 'en_verification') ? 'en_verification' : s.status, duplicateOf: '' });
      setNotice(d('unlinked'));
    } catch (err) {
      setFailure((err as Error).message);
    }
  }

  return (
    <div className="dup-section" aria-label={FIELD_LABELS.duplicateOf[lang]} role="group">
      {s.duplicateOf && (
        <p className="of">
          {d('duplicateOf')} {original ? to(original) : <em>{d('missingOriginal')}</em>}
        </p>
      )}
      {linked.length > 0 && (
        <section aria-label={d('linked', { count: linked.length })}>
          <strong>{d('linked', { count: linked.length })}</strong>
          <ul className="dup-list">
            {linked.map((row) => (
              <li key={row.id} data-id={row.id}>
                {to(row)} {row.url && <span className="why">— {row.url}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div>
        <button type="button" className="secondary" aria-expanded={showPicker} onClick={() => setSearching(!showPicker)}>
          {showPicker ? d('hide') : s.duplicateOf ? d('relink') : d('find')}
        </button>{' '}
        {s.status === 'doublon' && (
          <button type="button" className="secondary" onClick={() => void unlink()}>
            {d('unlink')}
          </button>
        )}
      </div>
      {showPicker && (
        <DuplicatePicker
          sighting={s}
          onLinked={(text) => {
            setSearching(false);
            setNotice(d('linkedDone', { text: shortText(text) }));
          }}
        />
      )}
      {(error || failure) && (
        <small className="error" role="alert">
          {error || failure}
        </small>
      )}
      <span aria-live="polite" className="hint">
        {notice}
      </span>
    </div>
  );
}
