// What the colours and rings on the map mean.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORY_LABELS } from '../../core/labels';
import { CATEGORIES } from '../../core/taxonomy';
import { useLang } from '../../i18n';
import { CATEGORY_COLOURS } from '../../map/style';

export function MapLegend() {
  const { t } = useTranslation();
  const lang = useLang();
  const [open, setOpen] = useState(false);
  return (
    <div className="map-legend">
      <button type="button" className="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('map.legend')}
      </button>
      {open && (
        <ul>
          {CATEGORIES.map((c) => (
            <li key={c}>
              <span className="swatch" style={{ background: CATEGORY_COLOURS[c] }} /> {CATEGORY_LABELS[c][lang]}
            </li>
          ))}
          <li>
            <span className="swatch ring-p1" /> {t('map.legendP1')}
          </li>
          <li>
            <span className="swatch dashed" /> {t('map.legendUnverified')}
          </li>
          <li>
            <span className="swatch dismissed" /> {t('map.legendDismissed')}
          </li>
          <li>
            <span className="swatch cluster" /> {t('map.legendCluster')}
          </li>
        </ul>
      )}
    </div>
  );
}
