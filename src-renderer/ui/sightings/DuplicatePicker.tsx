// Choosing the original a sighting duplicates, among real sightings of the crisis: its likely
// duplicates first (with why), then any sighting found by text, link or commune. A combobox: type
// to search, ↑ ↓ to move, Entrée to choose; then "Lier comme doublon" sets the status and the link
// in one edit (the store's update), keeping both sightings and every source.
import { useDeferredValue, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { candidateText } from '../../core/duplicate-reasons';
import { probeOf } from '../../core/duplicate-subject';
import { STATUS_LABELS } from '../../core/labels';
import { EMPTY_FILTER, matchesExceptStatus } from '../../core/query';
import { duplicateLinkErrors, type Sighting } from '../../core/sighting';
import { canTransition } from '../../core/taxonomy';
import { useLang } from '../../i18n';
import { SightingValidationError } from '../../store/crisis-store';
import { useCrisisStore } from '../session';
import { useDuplicateIndex } from './duplicate-index';
import { shortText, useDuplicateText } from './duplicate-strings';
import './duplicates.css';

interface Props {
  sighting: Sighting;
  /** Called once linked, with the original's text for the notice. */
  onLinked: (originalText: string) => void;
}

interface Option {
  id: string;
  group: 'candidates' | 'results';
  why: string;
}

/** Search results shown at most (the list is for choosing, not browsing). */
const MAX_RESULTS = 20;

export function DuplicatePicker({ sighting, onLinked }: Props) {
  const d = useDuplicateText();
  const lang = useLang();
  const store = useCrisisStore();
  const { index, version } = useDuplicateIndex();
  const listId = useId();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query.trim());
  const [active, setActive] = useState(-1);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const get = (id: string) => store.get(id);
  const linkable = (id: string) => duplicateLinkErrors(get, sighting.id, id).length === 0 && store.get(id)?.status !== 'archive';

  const options = useMemo<Option[]>(() => {
    const filter = { ...EMPTY_FILTER, text: deferred };
    const matches = (id: string) => !deferred || matchesExceptStatus(store.get(id)!, filter);
    const out: Option[] = index
      .candidates(probeOf(sighting), 8)
      .filter((c) => linkable(c.id) && matches(c.id))
      .map((c) => ({ id: c.id, group: 'candidates', why: candidateText(c, lang) }));
    if (deferred) {
      const shown = new Set(out.map((o) => o.id));
      let found = 0;
      for (const s of store.rows.values()) {
        if (found >= MAX_RESULTS) break;
        if (shown.has(s.id) || s.id === sighting.id || !matchesExceptStatus(s, filter) || !linkable(s.id)) continue;
        out.push({ id: s.id, group: 'results', why: [s.communeName || s.placeText, STATUS_LABELS[s.status][lang]].filter(Boolean).join(' · ') });
        found++;
      }
    }
    return out;
    // version stands for the index's content; store.rows for the rows searched
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [index, version, sighting, deferred, lang, store.rows]);

  const choose = (i: number) => {
    const o = options[i];
    if (!o) return;
    setActive(i);
    setChosen(o.id);
    setError('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => Math.max(0, Math.min(options.length - 1, a + step)));
    } else if (e.key === 'Enter') {
      // inside the detail form: Entrée chooses here, it never saves the form
      e.preventDefault();
      if (active >= 0) choose(active);
    }
  };

  async function link() {
    if (!chosen) return setError(d('choose'));
    if (!canTransition(sighting.status, 'doublon')) return setError(d('notAllowed', { status: STATUS_LABELS[sighting.status][lang] }));
    const invalid = duplicateLinkErrors(get, sighting.id, chosen);
    if (invalid.length) return setError(invalid[0]!.message);
    setBusy(true);
    try {
      await store.update(sighting.id, { status: 'doublon', duplicateOf: chosen });
      onLinked(store.get(chosen)?.text ?? '');
    } catch (err) {
      setError(err instanceof SightingValidationError ? err.errors.map((x) => x.message).join(' ; ') : (err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const chosenRow = chosen ? store.get(chosen) : undefined;
  let lastGroup = '';
  return (
    <div className="dup-picker" role="group" aria-label={d('pickerRegion')}>
      <label htmlFor={`${listId}-q`}>{d('search')}</label>
      <input
        id={`${listId}-q`}
        type="search"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 && options[active] ? `${listId}-${active}` : undefined}
        value={query}
        autoComplete="off"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label={d('options')} className="dup-options">
        {options.length === 0 && <li className="group">{deferred ? d('noMatch') : d('none')}</li>}
        {options.map((o, i) => {
          const s = store.get(o.id)!;
          const heading = o.group !== lastGroup ? (lastGroup = o.group) : null;
          return [
            heading && (
              <li key={`h-${heading}`} role="presentation" className="group">
                {heading === 'candidates' ? d('candidates') : d('results')}
              </li>
            ),
            <li
              key={o.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={chosen === o.id}
              className={active === i ? 'active' : undefined}
              data-id={o.id}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(i)}
            >
              « {shortText(s.text || s.url) || d('untitled')} » <span className="why">— {o.why}</span>
            </li>,
          ];
        })}
      </ul>
      {chosenRow && <p className="hint">{d('chosen', { text: shortText(chosenRow.text || chosenRow.url) })}</p>}
      <div>
        <button type="button" onClick={() => void link()} disabled={busy}>
          {d('link')}
        </button>
      </div>
      {error && (
        <small className="error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}
