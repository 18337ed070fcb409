// Where a sighting is: its position and precision, typed coordinates (decimal or DMS), a click on
// the map, or a commune from the offline gazetteer. Each placement is saved at once.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CoordinateError, formatCoordinates, parseCoordinates } from '../../core/geo';
import { PRECISION_LABELS } from '../../core/labels';
import type { Sighting, SightingFields } from '../../core/sighting';
import { useLang } from '../../i18n';
import { useCrisisStore } from '../session';
import { CommuneSearch } from './CommuneSearch';

interface Props {
  sighting: Sighting;
  placing: boolean;
  onTogglePlacing: () => void;
}

export function PlaceEditor({ sighting: s, placing, onTogglePlacing }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const store = useCrisisStore();
  const [coords, setCoords] = useState('');
  const [error, setError] = useState('');

  const save = async (patch: Partial<SightingFields>) => {
    try {
      await store.update(s.id, patch);
      setError('');
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const apply = () => {
    try {
      const at = parseCoordinates(coords);
      void save({ lat: at.lat, lon: at.lon, precision: 'exacte' });
      setCoords('');
    } catch (err) {
      setError(err instanceof CoordinateError ? err.message : String(err));
    }
  };

  const located = s.lat !== null && s.lon !== null;
  return (
    <div className="place-editor">
      <p data-testid="position">
        {located
          ? t('map.position', { coords: formatCoordinates({ lat: s.lat!, lon: s.lon! }), precision: PRECISION_LABELS[s.precision][lang].toLowerCase() })
          : t('map.noPosition')}
      </p>
      <CommuneSearch
        departement={store.crisis.departement}
        onChoose={(c) =>
          // A commune places the sighting at its centre, unless it already has a finer position.
          void save({
            communeName: c.name,
            communeInsee: c.insee,
            departement: c.departement,
            ...(located && (s.precision === 'exacte' || s.precision === 'rue') ? {} : { lat: c.lat, lon: c.lon, precision: 'commune' as const }),
          })
        }
      />
      {/* Inside the detail panel's form: no nested form, Enter applies the coordinates. */}
      <div className="coords">
        <label>
          {t('map.coordinates')}
          <input
            value={coords}
            onChange={(e) => setCoords(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), apply())}
            placeholder="44.1036, 1.0846"
          />
        </label>
        <button type="button" className="secondary" onClick={apply}>
          {t('map.apply')}
        </button>
      </div>
      <button type="button" className={placing ? '' : 'secondary'} aria-pressed={placing} onClick={onTogglePlacing}>
        {placing ? t('map.stopPlacing') : t('map.place')}
      </button>
      {error && (
        <small className="error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}
