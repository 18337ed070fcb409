// Draws the sightings on a Leaflet map: clusters and points as canvas circles (never one DOM node
// per sighting), cluster counts as text on a canvas of their own (canvas-labels.ts), redrawn for the
// view after each pan or zoom. The cluster index lives in a worker when one can start
// (cluster-engine.ts) and is rebuilt only when the located points or their looks change, after
// the rows stop changing for a moment (typing in the search box) and never in the page's task that
// received the rows. Hover tooltips are built from text nodes when they open: a post is untrusted
// input, never HTML.
import L from 'leaflet';
import { CATEGORY_LABELS, FIELD_LABELS, PRECISION_LABELS, PRIORITY_LABELS, STATUS_LABELS, type Lang } from '../core/labels';
import type { Sighting } from '../core/sighting';
import { CanvasLabelLayer, type CanvasLabel } from './canvas-labels';
import { createClusterEngine, type ClusterEngine } from './cluster-engine';
import type { MapItem } from './cluster-index';
import { sliced, steps, type PointSet } from './cluster-points';
import { Slicer } from '../core/slicer';
import { clusterStyle, markerStyle } from './style';

export interface LayerHandlers {
  onOpen(id: string): void;
  /** The interface language, read when a tooltip opens. */
  lang?(): Lang;
  /** Said of the sighting's place instead of its precision (an estimated position's radius). */
  placeNote?(s: Sighting): string | undefined;
  /** The cluster index (tests, bench): a worker's by default. */
  engine?: ClusterEngine;
  /** Wait after the last change of rows before rebuilding the index (ms, default 120). */
  settleMs?: number;
}

const LABEL_PANE = 'vigieClusterLabels';

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
  private readonly labels = new CanvasLabelLayer(LABEL_PANE, '450');
  private readonly engine: ClusterEngine;
  private rows: readonly Sighting[] = [];
  private byId: Map<string, Sighting> | null = null;
  private points: PointSet | null = null;
  private positions: Map<string, number> | null = null;
  private size = 0;
  private selectedId: string | null = null;
  private rebuildTimer: ReturnType<typeof setTimeout> | undefined;
  private rebuilding: Promise<void> = Promise.resolve();
  private drawSeq = 0;
  /** Bumped by every setRows: a slow follow() of older rows stops (see `abandoned`). */
  private rowsGeneration = 0;
  /** The follow() under way: the next one starts after it. */
  private following: Promise<void> = Promise.resolve();
  /**
   * Rebuilds dropped for newer rows since the last one finished. While rows keep coming (a newcomer
   * receiving a crisis, a peer syncing a backlog) every rebuild was dropped before its end, again
   * and again, and the map showed nothing new; after two, the next one runs to its end.
   */
  private abandoned = 0;
  /** How long the last rebuild of the points took (ms): the next waits at least as long. */
  private lastRebuildMs = 0;
  private destroyed = false;
  /** Index rebuilds so far (tests, bench). */
  rebuilds = 0;
  /** Resolves when what is drawn matches the last rows and view (tests, bench). */
  idle: Promise<void> = Promise.resolve();
  private settled: (() => void) | null = null;

  constructor(
    private readonly map: L.Map,
    private readonly handlers: LayerHandlers,
  ) {
    this.engine = handlers.engine ?? createClusterEngine();
    this.group.addTo(map);
    this.labels.addTo(map);
    map.on('moveend zoomend', this.redraw);
  }

  /**
   * New rows (a filter, an edit, a capture…). Cheap in the calling task: the located points are
   * compared with the ones indexed, and the index rebuilt later only if they differ.
   */
  setRows(rows: readonly Sighting[]): void {
    if (rows === this.rows) return;
    this.rows = rows;
    this.byId = null; // tooltips look rows up lazily
    this.rowsGeneration++;
    if (!this.settled) this.idle = new Promise<void>((resolve) => (this.settled = resolve));
    if (this.rebuildTimer !== undefined) return; // the rebuild already due takes these rows
    // The first points at once; then at most one rebuild per wait, and no more than half of the time
    // while rows keep changing (a wait that restarted at each change never came while a newcomer
    // received a crisis: nothing new showed on the map for minutes).
    const settle = this.points === null ? 0 : Math.max(this.handlers.settleMs ?? 120, this.lastRebuildMs);
    this.rebuildTimer = setTimeout(() => {
      this.rebuildTimer = undefined;
      const [latest, generation] = [this.rows, this.rowsGeneration];
      const run = this.following.then(() => this.follow(latest, generation));
      this.following = run.catch(() => undefined);
      void this.following.then(() => {
        if (generation !== this.rowsGeneration || !this.settled) return;
        this.settled();
        this.settled = null;
      });
    }, settle);
  }

  /** Brings the index up to these rows, in slices; stops if newer rows came meanwhile (see `abandoned`). */
  private async follow(rows: readonly Sighting[], generation: number): Promise<void> {
    if (this.destroyed) return;
    const guarded = this.abandoned >= 2;
    const stale = () => this.destroyed || (!guarded && generation !== this.rowsGeneration);
    const started = performance.now();
    const result = await this.followSteps(rows, stale);
    if (result === 'stale') this.abandoned++;
    if (result === 'rebuilt') {
      this.abandoned = 0;
      this.lastRebuildMs = performance.now() - started;
    }
  }

  private async followSteps(rows: readonly Sighting[], stale: () => boolean): Promise<'stale' | 'patched' | 'rebuilt'> {
    const slicer = new Slicer(8);
    const diff = await sliced(steps.diff(this.points, this.positions, rows), slicer, stale);
    // Stale also after the last slice: the map may have been removed while this was being awaited.
    if (!diff || stale()) return 'stale';
    if (diff.kind === 'same') {
      await this.redrawNow(); // points' tooltips may show new text
      return 'patched';
    }
    if (diff.kind === 'looks') {
      // An edit of priority, status or category: patched in the index, not rebuilt.
      for (let j = 0; j < diff.indices.length; j++) this.points!.codes[diff.indices[j]] = diff.codes[j];
      this.rebuilding = this.engine.patch(diff.indices, diff.codes);
      await this.rebuilding.then(() => this.redrawNow());
      return 'patched';
    }
    const points = await sliced(steps.points(rows), slicer, stale);
    const positions = points && (await sliced(steps.positions(points), slicer, stale));
    if (!points || !positions || stale()) return 'stale';
    this.points = points;
    this.positions = positions;
    this.rebuilding = this.engine.load(points).then((size) => {
      this.rebuilds++;
      this.size = size;
      this.map.getContainer().dataset.indexBuilds = String(this.rebuilds);
    });
    await this.rebuilding.then(() => this.redrawNow());
    return 'rebuilt';
  }

  setSelected(id: string | null): void {
    this.selectedId = id;
    this.redraw();
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.rebuildTimer);
    this.settled?.();
    this.map.off('moveend zoomend', this.redraw);
    this.group.remove();
    this.labels.remove();
    this.engine.destroy();
  }

  private row(id: string): Sighting | undefined {
    this.byId ??= new Map(this.rows.map((s) => [s.id, s]));
    return this.byId.get(id);
  }

  private readonly redraw = () => void this.redrawNow();

  private async redrawNow(): Promise<void> {
    const seq = ++this.drawSeq;
    await this.rebuilding;
    if (seq !== this.drawSeq || this.destroyed) return;
    const b = this.map.getBounds();
    const items = await this.engine.items([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], this.map.getZoom());
    // A newer redraw started meanwhile (a pan during a pan): it draws, this one does not.
    if (seq !== this.drawSeq || this.destroyed) return;
    this.group.clearLayers();
    let points = 0;
    let inClusters = 0;
    const labels: CanvasLabel[] = [];
    for (const item of items) {
      if (item.kind === 'cluster') {
        inClusters += item.count;
        labels.push({ lat: item.lat, lon: item.lon, text: String(item.count), kind: 'cluster' });
      } else points++;
      this.group.addLayer(this.draw(item));
    }
    this.labels.setLabels(labels);
    // What is drawn, for the people reading the map with a screen reader and for the tests: the
    // counts are drawn on a canvas, so they are listed here too.
    const container = this.map.getContainer();
    container.dataset.points = String(points);
    container.dataset.clustered = String(inClusters);
    container.dataset.located = String(this.size);
    container.dataset.clusterLabels = labels.map((l) => l.text).join(' ');
    // Draws so far: the bench waits for the one after an input (zoom, pan).
    container.dataset.draws = String(Number(container.dataset.draws ?? 0) + 1);
  }

  private draw(item: MapItem): L.Layer {
    if (item.kind === 'cluster') {
      const marker = L.circleMarker([item.lat, item.lon], { ...clusterStyle(item.count, item.hasP1), renderer: this.renderer });
      marker.on('click', () => {
        void this.engine.expansionZoom(item.clusterId).then((z) => this.map.flyTo([item.lat, item.lon], Math.min(z, 18)));
      });
      return marker;
    }
    const { id, category, priority, status } = item.props;
    const marker = L.circleMarker([item.lat, item.lon], { ...markerStyle(category, priority, status, id === this.selectedId), renderer: this.renderer });
    // Built when it opens, from the row as it is then.
    marker.bindTooltip(
      () => {
        const s = this.row(id);
        if (!s) return textElement([id], 'sighting-tip');
        const title = (s.text || s.placeText || s.id).slice(0, 140);
        const l = this.handlers.lang?.() ?? 'fr';
        const precision = this.handlers.placeNote?.(s) ?? `${FIELD_LABELS.precision[l]} : ${PRECISION_LABELS[s.precision][l].toLowerCase()}`;
        return textElement(
          [title, `${PRIORITY_LABELS[s.priority][l]} · ${STATUS_LABELS[s.status][l]}`, CATEGORY_LABELS[s.category][l], `${s.communeName || s.placeText} (${precision})`],
          'sighting-tip',
        );
      },
      { direction: 'top' },
    );
    marker.on('click', () => this.handlers.onOpen(id));
    return marker;
  }
}
