// Where a sighting is: its position and precision, typed coordinates (decimal or DMS), a click on
// the map, or a commune from the offline gazetteer. Each placement is saved at once.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { departementName } from '../../core/departements';
import { placementEstimate } from '../../core/commune-placement';
import { CoordinateError, formatCoordinates, parseCoordinates } from '../../core/geo';
import { PRECISION_LABELS } from '../../core/labels';
import type { Sighting, SightingFields } from '../../core/sighting';
import { useLang } from '../../i18n';
import { useCrisisStore } from '../session';
import { CommuneSearch, useGazetteer } from './CommuneSearch';
import { fill, useMapStrings } from './strings';

interface Props {
  sighting: Sighting;
  placing: boolean;
  onTogglePlacing: () => void;
}

export function PlaceEditor({ sighting: s, placing, onTogglePlacing }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const store = useCrisisStore();
  const strings = useMapStrings();
  const gazetteer = useGazetteer();
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
  const estimate = gazetteer ? placementEstimate(gazetteer, s) : null;
  const crisisDep = store.crisis.departement;
  // A commune outside the crisis's département is allowed (a neighbour's flood), but said plainly.
  const outside = s.communeInsee && s.departement && crisisDep && s.departement.toUpperCase() !== crisisDep.toUpperCase();
  return (
    <div className="place-editor">
      <p data-testid="position">
        {!located
          ? t('map.noPosition')
          : estimate
            ? fill(strings.estimated, { coords: formatCoordinates({ lat: s.lat!, lon: s.lon! }), km: estimate.km })
            : t('map.position', { coords: formatCoordinates({ lat: s.lat!, lon: s.lon! }), precision: PRECISION_LABELS[s.precision][lang].toLowerCase() })}
      </p>
      {outside && (
        <p className="warning" role="status" data-testid="outside-departement">
          {fill(strings.outside, {
            name: s.communeName || s.communeInsee,
            dep: `${s.departement} ${departementName(s.departement) ?? ''}`.trim(),
            crisisDep: `${crisisDep} ${departementName(crisisDep) ?? ''}`.trim(),
          })}
        </p>
      )}
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
