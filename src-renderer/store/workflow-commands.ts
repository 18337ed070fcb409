// The crisis cell's workflow commands: verification steps and verdicts, forwarding to the COD and
// its acknowledgement, rumours, closing the crisis. Each writes signed entries through the store
// (all or none, durable before shown); the rules every copy applies are in core/rules.ts.
import type { CrisisState } from '../core/crisis-state';
import { newId } from '../core/ids';
import { STATUS_LABELS } from '../core/labels';
import type { UnsignedBody } from '../core/records';
import type { Sighting } from '../core/sighting';
import { canTransition, type Status } from '../core/taxonomy';
import type { Action, Check, RumourVerdict, Verdict } from '../core/workflow';
import type { Rumour } from '../core/workflow-state';
import { editBody } from '../core/changes';
import type { AuthorKind } from '../core/taxonomy';

type Write = (entries: UnsignedBody[]) => Promise<unknown>;

/** The status a verdict moves a sighting to (when its current status allows it). */
const VERDICT_STATUS: Partial<Record<Verdict, Status>> = { confirme: 'confirme', dementi: 'dementi' };

export interface CheckInput {
  check: Check;
  ok?: boolean;
  sourceKind?: AuthorKind;
  links?: string[];
  by?: string;
  note?: string;
}

export type RumourInput = Partial<Pick<Rumour, 'claim' | 'verdict' | 'evidence' | 'correction' | 'link' | 'isPublic'>>;

export class WorkflowError extends Error {}

export class WorkflowCommands {
  constructor(
    private readonly state: CrisisState,
    private readonly row: (id: string) => Sighting | undefined,
    private readonly write: Write,
  ) {}

  /** Records one verification check on a sighting. */
  async check(sightingId: string, input: CheckInput): Promise<void> {
    this.sighting(sightingId);
    const { check, ok = true, sourceKind, by, note } = input;
    const links = input.links?.map((l) => l.trim()).filter(Boolean);
    await this.write([{ k: 'q', s: sightingId, check, ok, ...(sourceKind ? { sourceKind } : {}), ...(links?.length ? { links } : {}), ...(by ? { by } : {}), ...(note ? { note } : {}) }]);
  }

  /** The verdict, with its reason; moves the sighting to "confirmé" or "démenti" in the same write. */
  async verdict(sightingId: string, verdict: Verdict, note = ''): Promise<void> {
    const row = this.sighting(sightingId);
    if (verdict === 'dementi' && !note.trim()) throw new WorkflowError('Indiquez pourquoi cette remontée est démentie.');
    const entries: UnsignedBody[] = [{ k: 'q', s: sightingId, check: 'verdict', verdict, ...(note.trim() ? { note: note.trim() } : {}) }];
    const to = VERDICT_STATUS[verdict];
    if (to && row.status !== to && canTransition(row.status, to)) entries.push(editBody(row, { status: to })!);
    await this.write(entries);
  }

  /** Forwards sightings to the COD with a message; each moves to "transmis" where its status allows. */
  async forward(sightingIds: readonly string[], msg: string): Promise<string[]> {
    const ids = [...new Set(sightingIds)];
    if (!ids.length) throw new WorkflowError('Choisissez au moins une remontée à transmettre.');
    if (ids.length > 500) throw new WorkflowError('500 remontées au plus par transmission.');
    const rows = ids.map((id) => this.sighting(id));
    const blocked = rows.filter((r) => r.status !== 'transmis' && !canTransition(r.status, 'transmis'));
    if (blocked.length)
      throw new WorkflowError(`Impossible de transmettre une remontée au statut « ${STATUS_LABELS[blocked[0]!.status].fr} » : changez d'abord son statut.`);
    const entries: UnsignedBody[] = [{ k: 'f', s: ids, msg: msg.trim() }];
    for (const r of rows) if (r.status !== 'transmis') entries.push(editBody(r, { status: 'transmis' })!);
    await this.write(entries);
    return ids;
  }

  /** "Accuser réception": the COD received the forwarding; with `action`, what it did with it. */
  async acknowledge(forwardingId: string, action?: Action, note = ''): Promise<void> {
    if (!this.state.workflow.forwardings.has(forwardingId)) throw new WorkflowError('Transmission introuvable.');
    await this.write([{ k: 'y', f: forwardingId, ...(action ? { action } : {}), ...(note.trim() ? { note: note.trim() } : {}) }]);
  }

  /** A new rumour, from its claim (one sentence) and the sightings that carry it. */
  async createRumour(claim: string, sightingIds: readonly string[] = [], rest: RumourInput = {}): Promise<string> {
    if (!claim.trim()) throw new WorkflowError('Écrivez la rumeur en une phrase.');
    for (const s of sightingIds) this.sighting(s);
    const id = newId();
    await this.write([{ k: 'z', z: id, ...rest, claim: claim.trim(), ...(sightingIds.length ? { add: [...new Set(sightingIds)] } : {}) }]);
    return id;
  }

  /** Changes a rumour's fields (only those given and really changed). */
  async updateRumour(id: string, patch: RumourInput): Promise<void> {
    const r = this.rumour(id);
    const changed = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && r[k as keyof Rumour] !== v)) as RumourInput;
    if (changed.claim !== undefined && !changed.claim.trim()) throw new WorkflowError('La rumeur ne peut pas être vide.');
    if (changed.isPublic && !(changed.correction ?? r.correction).trim())
      throw new WorkflowError('Écrivez la correction officielle à relayer avant de rendre la rumeur publique.');
    if (Object.keys(changed).length) await this.write([{ k: 'z', z: id, ...changed }]);
  }

  /** Links sightings to a rumour (`on`), or unlinks them. */
  async linkToRumour(id: string, sightingIds: readonly string[], on = true): Promise<void> {
    this.rumour(id);
    for (const s of sightingIds) this.sighting(s);
    const list = [...new Set(sightingIds)];
    if (list.length) await this.write([{ k: 'z', z: id, ...(on ? { add: list } : { drop: list }) }]);
  }

  /** Closes the crisis (read-only on every copy) or reopens it: a coordinator or the COD. */
  async setClosed(closed: boolean): Promise<void> {
    const info = this.state.info;
    if (!info) throw new WorkflowError('Crise pas encore reçue.');
    const { name, departement, hazard, startedAt } = info;
    await this.write([{ k: 'u', name, departement, hazard, startedAt, closed }]);
  }

  private sighting(id: string): Sighting {
    const row = this.row(id);
    if (!row) throw new WorkflowError('Remontée introuvable.');
    return row;
  }

  private rumour(id: string): Rumour {
    const r = this.state.workflow.rumours.get(id);
    if (!r) throw new WorkflowError('Rumeur introuvable.');
    return r;
  }
}
