// Commune names on the map from the offline gazetteer: the largest communes in view, more of
// them as one zooms in, so a volunteer with no tiles at all still knows where things are. Drawn on a
// canvas (canvas-labels.ts), under the sightings; the names shown are listed in the map container's
// `data-place-labels` (tests, assistive technology).
import type L from 'leaflet';
import type { Gazetteer } from '../core/gazetteer';
import { CanvasLabelLayer, type CanvasLabel } from './canvas-labels';

const MIN_ZOOM = 8;
const PANE = 'vigieCommuneLabels';

export interface PlaceCandidate {
  name: string;
  lat: number;
  lon: number;
}

/**
 * Larger communes first; a smaller one too close to a label already placed is left out (communes
 * placed by estimate may even share a point). `at` gives container pixels.
 */
export function placeLabels(candidates: Iterable<PlaceCandidate>, at: (c: PlaceCandidate) => { x: number; y: number }): CanvasLabel[] {
  const placed: { x: number; y: number }[] = [];
  const labels: CanvasLabel[] = [];
  for (const c of candidates) {
    const p = at(c);
    if (placed.some((q) => Math.abs(q.y - p.y) < 14 && Math.abs(q.x - p.x) < 90)) continue;
    placed.push(p);
    labels.push({ lat: c.lat, lon: c.lon, text: c.name, kind: 'place' });
  }
  return labels;
}

export class CommuneLabels {
  private readonly layer = new CanvasLabelLayer(PANE, '350');

  constructor(
    private readonly map: L.Map,
    private readonly gazetteer: Gazetteer,
  ) {
    this.layer.addTo(map);
    map.on('moveend zoomend', this.draw);
    this.draw();
  }

  destroy(): void {
    this.map.off('moveend zoomend', this.draw);
    this.layer.remove();
    delete this.map.getContainer().dataset.placeLabels;
  }

  private readonly draw = () => {
    const zoom = this.map.getZoom();
    let labels: CanvasLabel[] = [];
    if (zoom >= MIN_ZOOM) {
      const b = this.map.getBounds();
      const limit = zoom >= 12 ? 120 : zoom >= 10 ? 60 : 25;
      labels = placeLabels(this.gazetteer.largestIn(b.getSouth(), b.getWest(), b.getNorth(), b.getEast(), limit), (c) =>
        this.map.latLngToContainerPoint([c.lat, c.lon]),
      );
    }
    this.layer.setLabels(labels);
    this.map.getContainer().dataset.placeLabels = labels.map((l) => l.text).join('|');
  };
}
