// Where the intake's checks run: in up to two workers (the machines Vigie runs on have few cores;
// the page keeps one for itself), else in the page. A newcomer receiving a whole crisis computes
// 100,000 ids and verifies 100,000 Ed25519 signatures: in the page, WebCrypto's verify ran on the
// page's own thread and kept it busy for seconds at a time. The workers only compute; every
// decision (duplicates, refusals, rules, journal) stays in intake.ts, in the order entries arrived.
import { checkEntries, entryIds, type Checked } from '../core/check-entry';
import type { Envelope } from '../core/records';

export type VerifyRequest = { seq: number; op: 'ids'; texts: string[] } | { seq: number; op: 'check'; crisisId: string; envelopes: Envelope[]; ids?: string[] };
export type VerifyResponse = { seq: number; ids?: string[]; results?: Checked[]; error?: string };

export interface Verifier {
  /** SHA-256 ids of signed texts, in order. */
  ids(texts: string[]): Promise<string[]>;
  /** Body and signature of each envelope, in order. */
  check(crisisId: string, envelopes: Envelope[], ids?: string[]): Promise<Checked[]>;
  destroy(): void;
}

/** In the page (tests in Node, or no worker available). */
export const inPageVerifier: Verifier = {
  ids: (texts) => entryIds(texts),
  check: (crisisId, envelopes, ids) => checkEntries(crisisId, envelopes, ids),
  destroy: () => undefined,
};

class WorkerPool implements Verifier {
  private readonly pending = new Map<number, { resolve(r: VerifyResponse): void; reject(e: Error): void; worker: number }>();
  private readonly outstanding: number[];
  private seq = 0;

  constructor(private readonly workers: Worker[]) {
    this.outstanding = workers.map(() => 0);
    workers.forEach((w, i) => {
      w.onmessage = (e: MessageEvent<VerifyResponse>) => {
        const p = this.pending.get(e.data.seq);
        if (!p) return;
        this.pending.delete(e.data.seq);
        this.outstanding[i]!--;
        if (e.data.error) p.reject(new Error(e.data.error));
        else p.resolve(e.data);
      };
      // A worker that cannot load or crashes fails what it was asked (the caller falls back).
      w.onerror = (e) => {
        e.preventDefault?.();
        for (const [seq, p] of this.pending) if (p.worker === i) (this.pending.delete(seq), p.reject(new Error(`vérification : worker indisponible (${e.message ?? 'erreur'})`)));
        this.outstanding[i] = 0;
      };
    });
  }

  private ask(request: { op: 'ids'; texts: string[] } | { op: 'check'; crisisId: string; envelopes: Envelope[]; ids?: string[] }): Promise<VerifyResponse> {
    // The least busy worker; requests are answered in the order each worker received them.
    let i = 0;
    for (let j = 1; j < this.workers.length; j++) if (this.outstanding[j]! < this.outstanding[i]!) i = j;
    const seq = ++this.seq;
    this.outstanding[i]!++;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject, worker: i });
      this.workers[i]!.postMessage({ ...request, seq });
    });
  }

  async ids(texts: string[]): Promise<string[]> {
    return (await this.ask({ op: 'ids', texts })).ids!;
  }
  async check(crisisId: string, envelopes: Envelope[], ids?: string[]): Promise<Checked[]> {
    return (await this.ask({ op: 'check', crisisId, envelopes, ids })).results!;
  }
  destroy(): void {
    for (const w of this.workers) w.terminate();
    for (const p of this.pending.values()) p.reject(new Error('vérification arrêtée'));
    this.pending.clear();
  }
}

/** Workers while they work; the page for good once one fails (it cannot load, say). */
class FallbackVerifier implements Verifier {
  private current: Verifier;
  constructor(pool: WorkerPool) {
    this.current = pool;
  }
  private async run<T>(f: (v: Verifier) => Promise<T>): Promise<T> {
    const used = this.current;
    try {
      return await f(used);
    } catch (error) {
      if (used === inPageVerifier) throw error;
      if (this.current === used) {
        console.warn('Vigie : vérification des entrées dans la page (worker indisponible)', error);
        used.destroy();
        this.current = inPageVerifier;
      }
      return f(this.current);
    }
  }
  ids(texts: string[]): Promise<string[]> {
    return this.run((v) => v.ids(texts));
  }
  check(crisisId: string, envelopes: Envelope[], ids?: string[]): Promise<Checked[]> {
    return this.run((v) => v.check(crisisId, envelopes, ids));
  }
  destroy(): void {
    this.current.destroy();
  }
}

/** Up to two verification workers if the platform has workers, else the page. */
export function createVerifier(): Verifier {
  if (typeof Worker === 'undefined') return inPageVerifier;
  try {
    const count = Math.max(1, Math.min(2, (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 1));
    const workers = Array.from({ length: count }, (_, i) => new Worker(new URL('./verify-worker.ts', import.meta.url), { type: 'module', name: `vigie-verify-${i + 1}` }));
    return new FallbackVerifier(new WorkerPool(workers));
  } catch {
    return inPageVerifier;
  }
}
