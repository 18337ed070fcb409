// Where the cluster index lives: in a worker when the page can start one (the app, the web build),
// else in the page (tests in Node). Either way the calls are asynchronous, so the map code is the
// same; answers come back in order.
import { ClusterIndex, type MapItem } from './cluster-index';
import type { PointSet } from './cluster-points';

type BBox = [number, number, number, number];

type Ask =
  | { type: 'load'; points: PointSet }
  | { type: 'patch'; indices: number[]; codes: number[] }
  | { type: 'items'; bbox: BBox; zoom: number }
  | { type: 'expand'; clusterId: number };
export type EngineRequest = Ask & { seq: number };

export type EngineResponse = { seq: number; size?: number; items?: MapItem[]; zoom?: number; error?: string };

export interface ClusterEngine {
  readonly inWorker: boolean;
  load(points: PointSet): Promise<number>;
  /** New looks for points of the set last loaded (positions in it, style codes): no rebuild. */
  patch(indices: number[], codes: number[]): Promise<void>;
  items(bbox: BBox, zoom: number): Promise<MapItem[]>;
  expansionZoom(clusterId: number): Promise<number>;
  destroy(): void;
}

export class InPageEngine implements ClusterEngine {
  readonly inWorker = false;
  private readonly index = new ClusterIndex();
  async load(points: PointSet): Promise<number> {
    this.index.loadPoints(points);
    return this.index.size;
  }
  async patch(indices: number[], codes: number[]): Promise<void> {
    this.index.patchLooks(indices, codes);
  }
  async items(bbox: BBox, zoom: number): Promise<MapItem[]> {
    return this.index.items(bbox, zoom);
  }
  async expansionZoom(clusterId: number): Promise<number> {
    return this.index.expansionZoom(clusterId);
  }
  destroy(): void {}
}

class WorkerEngine implements ClusterEngine {
  readonly inWorker = true;
  private seq = 0;
  private readonly pending = new Map<number, { resolve(r: EngineResponse): void; reject(e: Error): void }>();

  constructor(private readonly worker: Worker) {
    worker.onmessage = (e: MessageEvent<EngineResponse>) => {
      const p = this.pending.get(e.data.seq);
      if (!p) return;
      this.pending.delete(e.data.seq);
      if (e.data.error) p.reject(new Error(e.data.error));
      else p.resolve(e.data);
    };
    worker.onerror = (e) => {
      for (const p of this.pending.values()) p.reject(new Error(e.message || 'worker'));
      this.pending.clear();
    };
  }

  private ask(message: Ask, transfer: Transferable[] = []): Promise<EngineResponse> {
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      this.worker.postMessage({ ...message, seq }, transfer);
    });
  }

  async load(points: PointSet): Promise<number> {
    // Copies are sent (the page keeps its arrays to compare with the next set): a few MB, a memcpy.
    return (await this.ask({ type: 'load', points })).size ?? 0;
  }
  async patch(indices: number[], codes: number[]): Promise<void> {
    await this.ask({ type: 'patch', indices, codes });
  }
  async items(bbox: BBox, zoom: number): Promise<MapItem[]> {
    return (await this.ask({ type: 'items', bbox, zoom })).items ?? [];
  }
  async expansionZoom(clusterId: number): Promise<number> {
    return (await this.ask({ type: 'expand', clusterId })).zoom ?? 18;
  }
  destroy(): void {
    this.worker.terminate();
    // Whatever was still asked fails (and is asked again of the page by FallbackEngine), not hangs.
    for (const p of this.pending.values()) p.reject(new Error('worker stopped'));
    this.pending.clear();
  }
}

/** A worker engine that moves to the page for good if the worker fails (cannot load, crashes). */
class FallbackEngine implements ClusterEngine {
  private engine: ClusterEngine;
  private points: PointSet | null = null;
  constructor(worker: Worker) {
    this.engine = new WorkerEngine(worker);
  }
  get inWorker(): boolean {
    return this.engine.inWorker;
  }
  private async run<T>(f: (e: ClusterEngine) => Promise<T>): Promise<T> {
    const engine = this.engine;
    try {
      return await f(engine);
    } catch (error) {
      if (!engine.inWorker) throw error;
      // The first failure moves to the page; calls that were waiting on the worker then fail too
      // and are asked again of the page.
      if (this.engine === engine) {
        console.warn('Vigie carte : regroupement dans la page (worker indisponible)', error);
        engine.destroy();
        this.engine = new InPageEngine();
        if (this.points) await this.engine.load(this.points);
      }
      return f(this.engine);
    }
  }
  load(points: PointSet): Promise<number> {
    this.points = points;
    return this.run((e) => e.load(points));
  }
  patch(indices: number[], codes: number[]): Promise<void> {
    // Kept in the page's copy too, so a move to the page after a failure starts from the right looks.
    if (this.points) for (let j = 0; j < indices.length; j++) this.points.codes[indices[j]] = codes[j];
    return this.run((e) => e.patch(indices, codes));
  }
  items(bbox: BBox, zoom: number): Promise<MapItem[]> {
    return this.run((e) => e.items(bbox, zoom));
  }
  expansionZoom(clusterId: number): Promise<number> {
    return this.run((e) => e.expansionZoom(clusterId));
  }
  destroy(): void {
    this.engine.destroy();
  }
}

/** A worker if possible (Vite bundles cluster-worker.ts as its own file), else the page. */
export function createClusterEngine(): ClusterEngine {
  if (typeof Worker === 'undefined') return new InPageEngine();
  try {
    return new FallbackEngine(new Worker(new URL('./cluster-worker.ts', import.meta.url), { type: 'module', name: 'vigie-clusters' }));
  } catch {
    return new InPageEngine();
  }
}
