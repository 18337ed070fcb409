// "Purger les données personnelles" on a closed crisis (core/purge.ts, docs/sync.md §1.9): the
// certificates and the new key written together (all or none, signed by a coordinator or the COD).
// Every copy that opens the new key then purges its own journal and exchange documents
// (store/purge-rebuild.ts) before it reopens the crisis on the new, empty document.
import { certificateParts, redactEntry, type PurgeScope, type Redaction } from '../core/purge';
import type { CrisisState } from '../core/crisis-state';
import type { BodyOf, UnsignedBody } from '../core/records';
import { can } from '../core/rules';

export class PurgeError extends Error {}

export interface PurgeInput extends PurgeScope {
  /** The retention the coordinator set: data is kept until this date (ISO), purgeable after. */
  until: string;
}

export class PurgeCommands {
  constructor(
    private readonly state: CrisisState,
    private readonly me: () => string,
    private readonly now: () => number,
    private readonly history: () => Promise<{ id: string; d: string }[]>,
    private readonly rotation: () => Promise<Omit<BodyOf<'v'>, 'a' | 't' | 'k'>>,
    private readonly write: (entries: UnsignedBody[]) => Promise<unknown>,
  ) {}

  /** What a purge with this scope would replace (entries), without writing anything. */
  async preview(scope: PurgeScope): Promise<Redaction[]> {
    const journal = await this.history();
    const out: Redaction[] = [];
    for (const r of journal) {
      const redacted = await redactEntry(r.id, r.d, scope);
      if (redacted) out.push(redacted);
    }
    return out;
  }

  /** Writes the purge: its certificates and the new epoch's key. Resolves with the new epoch. */
  async run(input: PurgeInput): Promise<{ epoch: number; entries: number }> {
    if (!can(this.state, this.me(), 'purge')) throw new PurgeError('Seuls le créateur, les coordinateurs et le COD purgent les données personnelles.');
    if (!this.state.info?.closed) throw new PurgeError('Closez d’abord la crise : seules les données d’une crise close se purgent.');
    const until = Date.parse(input.until);
    if (Number.isNaN(until)) throw new PurgeError('Indiquez la date jusqu’à laquelle les données sont conservées.');
    if (until > this.now()) throw new PurgeError(`Les données sont conservées jusqu’au ${new Date(until).toLocaleDateString('fr-FR')} : la purge sera possible après cette date.`);
    const scope: PurgeScope = { all: input.all, x: input.all ? [] : [...new Set(input.x)] };
    const redactions = await this.preview(scope);
    const v = await this.rotation();
    const parts = certificateParts(v.e, new Date(until).toISOString(), scope, redactions);
    await this.write([...parts.map((p): UnsignedBody => ({ k: 's', ...p })), { k: 'v', ...v }]);
    return { epoch: v.e, entries: redactions.length };
  }
}
