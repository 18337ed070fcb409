// Capturing and editing sightings: creations (one, or a batch all or none), edits checked against
// the status transitions and the model's rules, archiving, and "Je m'en occupe" claims. Each writes
// signed entries through the store (durable before shown); the rules every copy applies on arrival
// are in core/rules.ts.
import { creationBody, editBody } from '../core/changes';
import { newId } from '../core/ids';
import { STATUS_LABELS } from '../core/labels';
import { recogniseLink } from '../core/platforms';
import { MAX_CLAIM_MS, type UnsignedBody } from '../core/records';
import { DEFAULT_FIELDS, duplicateLinkErrors, validateFields, type Sighting, type SightingFields } from '../core/sighting';
import { Slicer } from '../core/slicer';
import { canTransition, type Status } from '../core/taxonomy';
import { SightingValidationError } from './errors';

/** "Je m'en occupe": who handles a sighting, until when. Travels with the record, expires by itself. */
export interface Claim {
  actor: string;
  name: string;
  until: number;
}
export const CLAIM_MINUTES = 30;

export interface SightingWrites {
  row(id: string): Sighting | undefined;
  claimOf(id: string): Claim | undefined;
  /** This copy's member id. */
  me(): string;
  /** Author time (the store's hybrid logical clock). */
  tick(): number;
  /** Signs, checks, stores and applies: all or none. `onSigned` reports a large batch's progress. */
  write(entries: UnsignedBody[], t?: number, onSigned?: (count: number) => void): Promise<unknown>;
}

export class SightingCommands {
  constructor(private readonly store: SightingWrites) {}

  /** Creates many sightings at once (capture of a batch, import): all or none. */
  async createMany(inputs: Partial<SightingFields>[], options: { onProgress?: (done: number, total: number) => void } = {}): Promise<string[]> {
    const slicer = new Slicer();
    const bodies: ReturnType<typeof creationBody>[] = [];
    for (const [i, input] of inputs.entries()) {
      const fields = withRecognisedLink({ ...DEFAULT_FIELDS, ...input });
      const errors = validateFields(fields);
      if (errors.length) throw new SightingValidationError(inputs.length > 1 ? errors.map((e) => ({ ...e, message: `ligne ${i + 1} : ${e.message}` })) : errors);
      bodies.push(creationBody(newId(), fields));
      if (i % 1000 === 999) options.onProgress?.(Math.floor((i + 1) / 2), inputs.length);
      await slicer.maybeYield();
    }
    await this.store.write(bodies, undefined, (signed) => options.onProgress?.(Math.floor((inputs.length + signed) / 2), inputs.length));
    options.onProgress?.(inputs.length, inputs.length);
    return bodies.map((b) => b.s);
  }

  /** Changes some fields of one sighting; only the fields that really change are written. */
  async update(id: string, patch: Partial<SightingFields>): Promise<void> {
    const row = this.store.row(id);
    if (!row) throw new SightingValidationError([{ field: 'sighting', message: 'remontée introuvable' }]);
    if (patch.status && !canTransition(row.status, patch.status))
      throw new SightingValidationError([
        { field: 'status', message: `passage impossible de « ${STATUS_LABELS[row.status].fr} » à « ${STATUS_LABELS[patch.status].fr} »` },
      ]);
    const errors = validateFields({ ...row, ...patch }, id);
    if (patch.duplicateOf !== undefined) errors.push(...duplicateLinkErrors((x) => this.store.row(x), id, patch.duplicateOf));
    if (errors.length) throw new SightingValidationError(errors);
    const body = editBody(row, patch);
    if (body) await this.store.write([body]);
  }

  /** "Deleting" archives: nothing is destroyed. Returns the status to give back on undo. */
  async archive(id: string): Promise<Status> {
    const previous = this.store.row(id)?.status ?? 'nouveau';
    await this.update(id, { status: 'archive' });
    return previous;
  }

  async claim(id: string, minutes = CLAIM_MINUTES): Promise<void> {
    if (!this.store.row(id)) return;
    const t = this.store.tick();
    await this.store.write([{ k: 'k', s: id, u: t + Math.min(minutes * 60_000, MAX_CLAIM_MS) }], t);
  }

  /** Gives a claim back (only one's own). */
  async release(id: string): Promise<void> {
    if (this.store.claimOf(id)?.actor !== this.store.me()) return;
    const t = this.store.tick();
    await this.store.write([{ k: 'k', s: id, u: t }], t);
  }
}

/** A pasted link names its platform and often its author: fill them in unless the user did. */
function withRecognisedLink(f: SightingFields): SightingFields {
  const link = f.url ? recogniseLink(f.url) : null;
  if (!link) return f;
  return {
    ...f,
    platform: f.platform === DEFAULT_FIELDS.platform ? link.platform : f.platform,
    authorHandle: f.authorHandle || link.authorHandle,
  };
}
