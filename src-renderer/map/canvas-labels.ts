// Text on the map drawn on a canvas of its own (cluster counts, commune names), never as DOM
// tooltips: a permanent Leaflet tooltip per label forced a layout for each one at every pan and zoom
// (half the time of a zoom notch at 100k sightings). One canvas the size of the map, in its own pane
// (it moves with the map while dragging, is hidden during a zoom animation, and is repainted at
// moveend), transparent to the pointer. What it shows is also written as data attributes on the map
// container by the layers that use it, for tests and assistive technology.
import L from 'leaflet';

export interface CanvasLabel {
  lat: number;
  lon: number;
  text: string;
  /** cluster: white bold count centred on the cluster; place: a dot and a name to its right. */
  kind: 'cluster' | 'place';
}

/** What a label canvas is asked to draw; `ctx` is a 2D context (or a recording fake in tests). */
export interface LabelPainter {
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  fillStyle: string | CanvasGradient | CanvasPattern;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  lineJoin: CanvasLineJoin;
  fillText(text: string, x: number, y: number): void;
  strokeText(text: string, x: number, y: number): void;
  beginPath(): void;
  arc(x: number, y: number, r: number, a: number, b: number): void;
  fill(): void;
  stroke(): void;
}

export const CLUSTER_FONT = 'bold 12px system-ui, sans-serif';
export const PLACE_FONT = '12px system-ui, sans-serif';

/** Paints labels at container points given by `at` (pure: no map, no DOM). */
export function paintLabels(ctx: LabelPainter, labels: readonly CanvasLabel[], at: (l: CanvasLabel) => { x: number; y: number }): void {
  for (const l of labels) {
    const p = at(l);
    if (l.kind === 'cluster') {
      ctx.font = CLUSTER_FONT;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillStyle = '#ffffff';
      ctx.fillText(l.text, p.x, p.y);
    } else {
      ctx.beginPath();
      ctx.arc(p.x, p.y, 2, 0, Math.PI * 2);
      ctx.fillStyle = '#444444';
      ctx.fill();
      ctx.font = PLACE_FONT;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      // A white halo keeps the name readable over land, borders and points.
      ctx.lineJoin = 'round';
      ctx.lineWidth = 3;
      ctx.strokeStyle = 'rgba(255,255,255,0.9)';
      ctx.strokeText(l.text, p.x + 5, p.y);
      ctx.fillStyle = '#222222';
      ctx.fillText(l.text, p.x + 5, p.y);
    }
  }
}

export class CanvasLabelLayer extends L.Layer {
  private canvas: HTMLCanvasElement | null = null;
  private labels: readonly CanvasLabel[] = [];
  private frame = 0;

  constructor(
    private readonly paneName: string,
    private readonly zIndex: string,
  ) {
    super();
  }

  setLabels(labels: readonly CanvasLabel[]): void {
    this.labels = labels;
    this.schedule();
  }

  override onAdd(map: L.Map): this {
    const pane = map.getPane(this.paneName) ?? map.createPane(this.paneName);
    pane.style.zIndex = this.zIndex;
    pane.style.pointerEvents = 'none';
    this.canvas = L.DomUtil.create('canvas', 'vigie-label-canvas', pane);
    this.canvas.setAttribute('aria-hidden', 'true');
    map.on('moveend zoomend viewreset resize', this.schedule, this);
    map.on('zoomstart', this.hide, this);
    this.paint();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('moveend zoomend viewreset resize', this.schedule, this);
    map.off('zoomstart', this.hide, this);
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.canvas?.remove();
    this.canvas = null;
    return this;
  }

  private hide(): void {
    if (this.canvas) this.canvas.style.visibility = 'hidden';
  }

  private schedule(): void {
    if (this.frame || !this.canvas) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paint();
    });
  }

  private paint(): void {
    const map = this._map;
    const canvas = this.canvas;
    if (!map || !canvas) return;
    const size = map.getSize();
    const ratio = window.devicePixelRatio || 1;
    const topLeft = map.containerPointToLayerPoint([0, 0]);
    L.DomUtil.setPosition(canvas, topLeft);
    canvas.style.width = `${size.x}px`;
    canvas.style.height = `${size.y}px`;
    if (canvas.width !== Math.round(size.x * ratio)) canvas.width = Math.round(size.x * ratio);
    if (canvas.height !== Math.round(size.y * ratio)) canvas.height = Math.round(size.y * ratio);
    canvas.style.visibility = '';
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, size.x, size.y);
    paintLabels(ctx, this.labels, (l) => map.latLngToContainerPoint([l.lat, l.lon]));
  }
}
