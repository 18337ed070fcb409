// Draws the sightings on a Leaflet map: clusters and points as canvas circles (never one DOM node
// per sighting), redrawn for the view after each pan or zoom. Labels and tooltips are built from
// text nodes: a post is untrusted input, never HTML.
import L from 'leaflet';
import { CATEGORY_LABELS, FIELD_LABELS, PRECISION_LABELS, PRIORITY_LABELS, STATUS_LABELS, type Lang } from '../core/labels';
import type { Sighting } from '../core/sighting';
import { ClusterIndex, type MapItem } from './cluster-index';
import { clusterStyle, markerStyle } from './style';

export interface LayerHandlers {
  onOpen(id: string): void;
  /** The interface language, read at each redraw. */
  lang?(): Lang;
}

function textElement(lines: string[], className: string): HTMLElement {
  const el = document.createElement('div');
  el.className = className;
  for (const line of lines) {
    const div = document.createElement('div');
    div.textContent = line;
    el.appendChild(div);
  }
  return el;
}

export class SightingsLayer {
  private readonly renderer = L.canvas({ padding: 0.3 });
  private readonly group = L.layerGroup();
  private readonly index = new ClusterIndex();
  private rows = new Map<string, Sighting>();
  private selectedId: string | null = null;

  constructor(
    private readonly map: L.Map,
    private readonly handlers: LayerHandlers,
  ) {
    this.group.addTo(map);
    map.on('moveend zoomend', this.redraw);
  }

  setRows(rows: readonly Sighting[]): void {
    this.rows = new Map(rows.map((s) => [s.id, s]));
    this.index.load(rows);
    this.redraw();
  }

  setSelected(id: string | null): void {
    this.selectedId = id;
    this.redraw();
  }

  destroy(): void {
    this.map.off('moveend zoomend', this.redraw);
    this.group.remove();
  }

  private readonly redraw = () => {
    const b = this.map.getBounds();
    const items = this.index.items([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], this.map.getZoom());
    this.group.clearLayers();
    let points = 0;
    let inClusters = 0;
    for (const item of items) {
      if (item.kind === 'cluster') inClusters += item.count;
      else points++;
      this.group.addLayer(this.draw(item));
    }
    // What is drawn, for the people reading the map with a screen reader and for the tests.
    const container = this.map.getContainer();
    container.dataset.points = String(points);
    container.dataset.clustered = String(inClusters);
    container.dataset.located = String(this.index.size);
  };

  private draw(item: MapItem): L.Layer {
    if (item.kind === 'cluster') {
      const marker = L.circleMarker([item.lat, item.lon], { ...clusterStyle(item.count, item.hasP1), renderer: this.renderer });
      marker.bindTooltip(textElement([String(item.count)], 'count'), { permanent: true, direction: 'center', className: 'cluster-label', interactive: false });
      marker.on('click', () => this.map.flyTo([item.lat, item.lon], Math.min(this.index.expansionZoom(item.clusterId), 18)));
      return marker;
    }
    const { id, category, priority, status } = item.props;
    const marker = L.circleMarker([item.lat, item.lon], { ...markerStyle(category, priority, status, id === this.selectedId), renderer: this.renderer });
    const s = this.rows.get(id);
    if (s) {
      const title = (s.text || s.placeText || s.id).slice(0, 140);
      const l = this.handlers.lang?.() ?? 'fr';
      const precision = `${FIELD_LABELS.precision[l]} : ${PRECISION_LABELS[s.precision][l].toLowerCase()}`;
      marker.bindTooltip(
        textElement(
          [title, `${PRIORITY_LABELS[s.priority][l]} · ${STATUS_LABELS[s.status][l]}`, CATEGORY_LABELS[s.category][l], `${s.communeName || s.placeText} (${precision})`],
          'sighting-tip',
        ),
        { direction: 'top' },
      );
    }
    marker.on('click', () => this.handlers.onOpen(id));
    return marker;
  }
}
