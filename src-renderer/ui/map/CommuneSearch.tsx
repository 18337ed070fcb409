// Search-as-you-type over the offline gazetteer of French communes (an ARIA combobox).
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { departementName } from '../../core/departements';
import type { Commune, Gazetteer } from '../../core/gazetteer';
import { loadGazetteer } from '../../map/gazetteer-loader';

export function useGazetteer(): Gazetteer | null {
  const [g, setG] = useState<Gazetteer | null>(null);
  useEffect(() => {
    let live = true;
    loadGazetteer().then((loaded) => live && setG(loaded));
    return () => {
      live = false;
    };
  }, []);
  return g;
}

interface Props {
  departement?: string;
  onChoose: (c: Commune) => void;
  label?: string;
}

export function CommuneSearch({ departement, onChoose, label }: Props) {
  const { t } = useTranslation();
  const gazetteer = useGazetteer();
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const results = gazetteer && query.trim().length >= 2 ? gazetteer.search(query, { departement, limit: 8 }) : [];

  const choose = (c: Commune) => {
    onChoose(c);
    setQuery('');
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!results.length) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : results.length - 1)) % results.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(results[Math.min(active, results.length - 1)]);
    }
  };

  return (
    <div className="commune-search">
      <label htmlFor={id}>{label ?? t('map.commune')}</label>
      <input
        id={id}
        role="combobox"
        aria-expanded={results.length > 0}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        autoComplete="off"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {results.length > 0 && (
        <ul id={`${id}-list`} role="listbox" className="suggestions">
          {results.map((c, i) => (
            <li key={c.insee} role="option" aria-selected={i === active} onMouseDown={(e) => (e.preventDefault(), choose(c))}>
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
