// Commune names on the map from the offline gazetteer: the largest communes in view, more of
// them as one zooms in, so a volunteer with no tiles at all still knows where things are.
import L from 'leaflet';
import type { Gazetteer } from '../core/gazetteer';

const MIN_ZOOM = 8;
const PANE = 'vigieCommuneLabels';

function label(text: string): HTMLElement {
  const el = document.createElement('span');
  el.textContent = text;
  return el;
}

export class CommuneLabels {
  private readonly group = L.layerGroup();
  private readonly renderer: L.Canvas;

  constructor(
    private readonly map: L.Map,
    private readonly gazetteer: Gazetteer,
  ) {
    // Their own pane, under the sightings and transparent to the pointer: a second canvas on top
    // would swallow the clicks meant for the sightings.
    const pane = map.getPane(PANE) ?? map.createPane(PANE);
    pane.style.zIndex = '350';
    pane.style.pointerEvents = 'none';
    this.renderer = L.canvas({ padding: 0.2, pane: PANE });
    this.group.addTo(map);
    map.on('moveend zoomend', this.draw);
    this.draw();
  }

  destroy(): void {
    this.map.off('moveend zoomend', this.draw);
    this.group.remove();
  }

  private readonly draw = () => {
    this.group.clearLayers();
    const zoom = this.map.getZoom();
    if (zoom < MIN_ZOOM) return;
    const b = this.map.getBounds();
    const limit = zoom >= 12 ? 120 : zoom >= 10 ? 60 : 25;
    const placed: L.Point[] = [];
    for (const c of this.gazetteer.largestIn(b.getSouth(), b.getWest(), b.getNorth(), b.getEast(), limit)) {
      // Larger communes first; a smaller one too close to a label already drawn is left out
      // (communes placed by estimate may even share a point).
      const at = this.map.latLngToContainerPoint([c.lat, c.lon]);
      if (placed.some((p) => Math.abs(p.y - at.y) < 14 && Math.abs(p.x - at.x) < 90)) continue;
      placed.push(at);
      const dot = L.circleMarker([c.lat, c.lon], { radius: 2, color: '#444', weight: 1, fillOpacity: 1, interactive: false, renderer: this.renderer });
      dot.bindTooltip(label(c.name), { permanent: true, direction: 'right', className: 'commune-label', interactive: false, offset: [3, 0], pane: PANE });
      this.group.addLayer(dot);
    }
  };
}
