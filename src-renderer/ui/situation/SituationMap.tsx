// The report's map, drawn as SVG elements from core/situation-map.ts: vector in the PDF, the built-in
// basemap only (no tiles, nothing fetched), one node per merged dot.
import { CATEGORY_LABELS } from '../../core/labels';
import { dotPaths, type MapSnapshot } from '../../core/situation-map';
import { CATEGORY_COLOURS } from '../../map/style';
import { fill, REPORT } from './strings';

export function SituationMap({ snapshot }: { snapshot: MapSnapshot | null }) {
  if (!snapshot) return <p className="hint">{REPORT.mapLoading}</p>;
  const { width, height } = snapshot;
  const paths = dotPaths(snapshot.dots);
  const categories = [...new Set(snapshot.dots.map((d) => d.category))];
  return (
    <figure className="situation-map">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={REPORT.map} data-dots={snapshot.dots.length}>
        <rect width={width} height={height} fill="#dcebf5" />
        {snapshot.land.map((d, i) => (
          <path key={`l${i}`} d={d} fill="#f6f3ec" stroke="#9bb" strokeWidth={0.6} fillRule="evenodd" />
        ))}
        {snapshot.departements.map((dep) => (
          <path key={dep.code} d={dep.d} fill={dep.own ? '#fffdf7' : 'none'} stroke={dep.own ? '#000091' : '#999'} strokeWidth={dep.own ? 1.6 : 0.6} fillRule="evenodd" />
        ))}
        {paths.fills.map((f) => (
          <path key={f.category} d={f.d} fill={CATEGORY_COLOURS[f.category]} stroke="#fff" strokeWidth={0.6} />
        ))}
        <path d={paths.rings} fill="none" stroke="#e1000f" strokeWidth={1.8} />
      </svg>
      <figcaption>
        {!snapshot.dots.length && <span>{REPORT.mapNone} </span>}
        {snapshot.outside > 0 && <span>{fill(REPORT.mapOutside, { count: snapshot.outside })} </span>}
        <ul className="situation-legend">
          {categories.map((c) => (
            <li key={c}>
              <span className="swatch" style={{ background: CATEGORY_COLOURS[c] }} aria-hidden="true" />
              {CATEGORY_LABELS[c].fr}
            </li>
          ))}
          {snapshot.dots.some((d) => d.p1) && <li>{REPORT.mapP1}</li>}
        </ul>
      </figcaption>
    </figure>
  );
}
