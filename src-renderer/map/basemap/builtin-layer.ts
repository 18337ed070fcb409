// The basemap shipped with the app, drawn without any network: sea, land, country borders and the
// départements' limits, as non-interactive vectors on one shared canvas renderer, in a pane under
// the tile pane — so a PMTiles archive or online tiles cover it where they have tiles, and it shows
// through everywhere else. Precision is Natural Earth 1:10m: right for a département or a region
// (zoom ≤ 9); for streets, use a PMTiles archive. The big rings are cut into pieces (split-rings.ts)
// and every vertex projected once, in a worker (prepare.ts, basemap-worker.ts); each zoom only
// scales them (projection-cache.ts), so a pan or a zoom clips and draws only the pieces in view.
import L from 'leaflet';
import { loadBuiltInData, type BuiltInData } from './builtin-data';
import type { PreparedRings } from './prepare';
import { loadPreparedBasemap } from './prepared-source';
import { cacheProjection, projectedOf } from './projection-cache';

export const BUILTIN_PANE = 'vigieBasemap';
/** Above nothing, under the tile pane (200), the overlays (400) and the markers (600). */
const PANE_Z_INDEX = '150';

export const BUILTIN_COLOURS = {
  sea: '#cfe3ee',
  land: '#f7f5ef',
  coast: '#9dbccc',
  countryBorder: '#8a8a8a',
  departementBorder: '#b9b4ab',
} as const;

/** The départements' limits only from this zoom on: below, they clutter a whole-country view. */
export const DEPARTEMENTS_MIN_ZOOM = 5;

export interface BuiltInBasemapOptions {
  /**
   * Called once the data is loaded, to add labels (communes from the gazetteer, say) to the basemap's
   * own group: they come and go with it. Labels are not drawn otherwise.
   */
  addLabels?(group: L.LayerGroup, data: BuiltInData): void;
}

class BuiltInBasemap extends L.LayerGroup {
  private previousBackground = '';
  private readonly departements: L.Layer;
  private readonly onZoom = () => this.syncDepartements();

  constructor(layers: L.Layer[], departements: L.Layer) {
    super(layers);
    this.departements = departements;
  }

  override onAdd(map: L.Map): this {
    if (!map.getPane(BUILTIN_PANE)) {
      const pane = map.createPane(BUILTIN_PANE);
      pane.style.zIndex = PANE_Z_INDEX;
      pane.style.pointerEvents = 'none';
    }
    const container = map.getContainer();
    this.previousBackground = container.style.background;
    // The sea: the map's own background, so it also fills the world's edges and copies.
    container.style.background = BUILTIN_COLOURS.sea;
    super.onAdd(map);
    map.on('zoomend', this.onZoom);
    this.syncDepartements();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('zoomend', this.onZoom);
    map.getContainer().style.background = this.previousBackground;
    if (map.hasLayer(this.departements)) map.removeLayer(this.departements);
    super.onRemove(map);
    return this;
  }

  private syncDepartements(): void {
    const map = (this as unknown as { _map?: L.Map })._map;
    if (!map) return;
    const show = map.getZoom() >= DEPARTEMENTS_MIN_ZOOM;
    if (show && !map.hasLayer(this.departements)) map.addLayer(this.departements);
    if (!show && map.hasLayer(this.departements)) map.removeLayer(this.departements);
  }
}

/** A prepared layer (prepare.ts) as a Leaflet path: its latlngs only its box, its rings already projected. */
function preparedPath(rings: PreparedRings, kind: 'fill' | 'line', options: L.PolylineOptions): L.Path {
  const [w, s, e, n] = rings.bounds;
  const path = kind === 'fill' ? L.polygon([[s, w], [n, w], [n, e], [s, e]], options) : L.polyline([[s, w], [n, e]], options);
  cacheProjection(path, projectedOf(rings));
  return path;
}

/**
 * The built-in basemap as one layer group. Its data is prepared off the page (prepared-source.ts:
 * converted, cut and projected in a worker) before it resolves; the page only wraps the arrays.
 */
export async function createBuiltInBasemap(options: BuiltInBasemapOptions = {}): Promise<L.LayerGroup> {
  const prepared = await loadPreparedBasemap();
  const renderer = L.canvas({ pane: BUILTIN_PANE, padding: 0.5 });
  const common = { renderer, pane: BUILTIN_PANE, interactive: false, bubblingMouseEvents: false } as const;
  // The land filled in pieces (no stroke: the cuts would show), the coast drawn over it as lines.
  const land = preparedPath(prepared.land, 'fill', { ...common, stroke: false, fill: true, fillColor: BUILTIN_COLOURS.land, fillOpacity: 1 });
  const coast = preparedPath(prepared.coast, 'line', { ...common, color: BUILTIN_COLOURS.coast, weight: 0.8, opacity: 1 });
  const departements = preparedPath(prepared.departements, 'line', { ...common, color: BUILTIN_COLOURS.departementBorder, weight: 0.7, opacity: 1 });
  const countries = preparedPath(prepared.countries, 'line', { ...common, color: BUILTIN_COLOURS.countryBorder, weight: 1.2, opacity: 1 });
  // Drawn in order: land and coast, then the départements' limits (added on zoom), then country borders on top.
  const group = new BuiltInBasemap([land, coast, countries], departements);
  group.options = { ...group.options, attribution: 'Fond intégré : Natural Earth, COG INSEE' } as L.LayerOptions;
  // Labels need the GeoJSON data itself, converted in the page: only loaded when asked for.
  if (options.addLabels) options.addLabels(group, await loadBuiltInData());
  return group;
}
