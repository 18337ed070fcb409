// The basemap shipped with the app, drawn without any network: sea, land, country borders and the
// départements' limits, as non-interactive vectors on one shared canvas renderer, in a pane under
// the tile pane — so a PMTiles archive or online tiles cover it where they have tiles, and it shows
// through everywhere else. Precision is Natural Earth 1:10m: right for a département or a region
// (zoom ≤ 9); for streets, use a PMTiles archive. The vertices are projected once, then scaled at
// each zoom (projection-cache.ts), and the big rings are cut into pieces once (split-rings.ts), so a
// pan or a zoom clips and draws only the pieces in view.
import L from 'leaflet';
import { loadBuiltInData, type BuiltInData } from './builtin-data';
import { Slicer } from '../../core/slicer';
import { cacheProjection } from './projection-cache';
import { chunkLines, ringsOf, splitAll } from './split-rings';

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

/** The built-in basemap as one layer group; its data loads (once, from its own chunk) before it resolves. */
export async function createBuiltInBasemap(options: BuiltInBasemapOptions = {}): Promise<L.LayerGroup> {
  const data = await loadBuiltInData();
  const renderer = L.canvas({ pane: BUILTIN_PANE, padding: 0.5 });
  const common = { renderer, pane: BUILTIN_PANE, interactive: false, bubblingMouseEvents: false } as const;
  const geometries = data.land.features.map((f) => f.geometry);
  // The land filled in pieces (no stroke: the cuts would show), the coast drawn over it as lines.
  const slicer = new Slicer(8);
  const pieces = await splitAll(geometries, () => slicer.maybeYield());
  const feature = (geometry: GeoJSON.Geometry) => ({ type: 'Feature', properties: {}, geometry }) as GeoJSON.Feature;
  const land = L.geoJSON(feature(pieces), {
    ...common,
    style: { stroke: false, fill: true, fillColor: BUILTIN_COLOURS.land, fillOpacity: 1 },
  });
  const coast = L.geoJSON(feature(chunkLines(geometries.flatMap(ringsOf))), { ...common, style: { color: BUILTIN_COLOURS.coast, weight: 0.8, opacity: 1 } });
  const departements = L.geoJSON(feature(chunkLines(data.departementBorders.coordinates)), {
    ...common,
    style: { color: BUILTIN_COLOURS.departementBorder, weight: 0.7, opacity: 1 },
  });
  const countries = L.geoJSON(feature(chunkLines(data.countryBorders.coordinates)), {
    ...common,
    style: { color: BUILTIN_COLOURS.countryBorder, weight: 1.2, opacity: 1 },
  });
  // Vertices projected once, not at every zoom (projection-cache.ts).
  for (const layer of [land, coast, departements, countries]) layer.eachLayer(cacheProjection);
  // Drawn in order: land and coast, then the départements' limits (added on zoom), then country borders on top.
  const group = new BuiltInBasemap([land, coast, countries], departements);
  group.options = { ...group.options, attribution: 'Fond intégré : Natural Earth, COG INSEE' } as L.LayerOptions;
  options.addLabels?.(group, data);
  return group;
}
