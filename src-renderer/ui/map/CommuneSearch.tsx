// Search-as-you-type over the offline gazetteer of French communes: a WAI-ARIA combobox (list
// autocomplete), keyboard model in combobox-keys.ts. Nothing is highlighted until ↓ or ↑, so "montauban",
// ↓, Entrée takes the first suggestion (Montauban, 82, in a crisis of the 82), not the second.
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { departementName } from '../../core/departements';
import type { Commune, Gazetteer } from '../../core/gazetteer';
import { loadGazetteer, onGazetteerReload, setOfficialPositionsSource } from '../../map/gazetteer-loader';
import { loadCommunePositions } from '../../store/gazetteer-overrides';
import { useSession } from '../session';
import { comboKey } from './combobox-keys';
import { useMapStrings } from './strings';

/** The gazetteer with this copy's imported commune positions; a new one after an import. */
export function useGazetteer(): Gazetteer | null {
  const { db } = useSession();
  const [g, setG] = useState<Gazetteer | null>(null);
  useEffect(() => {
    let live = true;
    setOfficialPositionsSource(db, async () => (await loadCommunePositions(db))?.positions ?? []);
    // loadGazetteer resolves to the newest gazetteer, even when a reload came while it was built.
    const load = () => void loadGazetteer().then((loaded) => live && setG(loaded));
    load();
    const off = onGazetteerReload(load);
    return () => {
      live = false;
      off();
    };
  }, [db]);
  return g;
}

interface Props {
  departement?: string;
  onChoose: (c: Commune) => void;
  label?: string;
}

export function CommuneSearch({ departement, onChoose, label }: Props) {
  const { t } = useTranslation();
  const s = useMapStrings();
  const gazetteer = useGazetteer();
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(-1);
  const [closed, setClosed] = useState(false);
  const found = gazetteer && query.trim().length >= 2 ? gazetteer.search(query, { departement, limit: 8 }) : [];
  const results = closed ? [] : found;

  const choose = (c: Commune) => {
    setQuery('');
    setActive(-1);
    // The list may come from a gazetteer an import of official positions has just replaced (the new one
    // is being built): the commune is taken from the newest, so its point is the imported one.
    void loadGazetteer().then(
      (newest) => onChoose(newest.byInsee(c.insee) ?? c),
      () => onChoose(c),
    );
  };
  // Entrée typed before the gazetteer is ready (it is built off the page while a crisis opens): kept,
  // and the best suggestion taken once it is, as if the list had been there.
  const [enterPending, setEnterPending] = useState(false);
  const first = results[0];
  useEffect(() => {
    if (!enterPending || !gazetteer) return;
    setEnterPending(false);
    if (first) choose(first);
  }, [enterPending, gazetteer, first]); // eslint-disable-line react-hooks/exhaustive-deps -- choose: this render's
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !gazetteer && !closed && query.trim().length >= 2) {
      e.preventDefault();
      e.stopPropagation();
      setEnterPending(true);
      return;
    }
    const action = comboKey(e.key, active, results.length);
    if (action.kind === 'none') return;
    if (action.kind === 'clear' && !query) return; // Échap on an empty field: the panel's own
    e.preventDefault();
    e.stopPropagation();
    if (action.kind === 'highlight') setActive(action.index);
    else if (action.kind === 'choose') choose(results[action.index]);
    else if (action.kind === 'close') {
      setClosed(true);
      setActive(-1);
    } else setQuery('');
  };
  const optionId = (i: number) => `${id}-option-${i}`;

  return (
    <div className="commune-search">
      <label htmlFor={id}>{label ?? t('map.commune')}</label>
      <input
        id={id}
        role="combobox"
        aria-expanded={results.length > 0}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 && active < results.length ? optionId(active) : undefined}
        aria-describedby={`${id}-hint`}
        autoComplete="off"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(-1);
          setClosed(false);
          setEnterPending(false);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setActive(-1)}
      />
      <small id={`${id}-hint`} className="hint">
        {s.comboHint}
      </small>
      {results.length > 0 && (
        <ul id={`${id}-list`} role="listbox" className="suggestions">
          {results.map((c, i) => (
            <li
              key={c.insee}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => (e.preventDefault(), choose(c))}
            >
              {communeLabel(c)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function communeLabel(c: Commune): string {
  return `${c.name} (${c.departement} ${departementName(c.departement) ?? ''}) — ${c.postalCodes[0] ?? ''} · INSEE ${c.insee}`;
}
