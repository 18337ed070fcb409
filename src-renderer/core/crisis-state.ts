// A crisis as its verified entries say it is: members and their roles, the crisis's own details,
// claims, and one row per sighting. Pure: entries go in (already signature-checked), rules decide,
// state comes out. Every copy holding the same entries computes the same state, whatever the order
// in which they arrived (sightings and profiles follow the entries' total order; see docs/sync.md
// for the few rules that depend on what was known when an entry arrived).
import { applyChange, type ReplayEntry } from './changes';
import { addToTrail, newTrail, trailIds, type Trail } from './sighting-trail';
import { compareEntries, type BodyOf, type Entry, type SightingBody } from './records';
import { can, checkEntry, type RuleContext, type Verdict } from './rules';
import { ShardedSet } from './sharded';
import { DEFAULT_FIELDS, FIELD_NAMES, type Sighting, type SightingFields } from './sighting';
import type { Hazard, Role } from './taxonomy';
import { WorkflowState } from './workflow-state';
import { MainCourante } from './main-courante';
import { PurgeState, purgeVerdict } from './purge';
import { RelayKitState } from './relay-kit-state';

export interface Member {
  id: string;
  /** The member's own name (or the invitation's label until they write their profile). */
  name: string;
  organisation: string;
  role: Role;
  admittedBy?: string;
  admittedAt?: number;
  /** The invitation key they joined with. */
  via?: string;
  /** An invitation key (admitted, no profile of its own). */
  invitation: boolean;
  /** X25519 public key to receive a new crisis key (rotation). */
  x?: string;
  removedAt?: number;
  removedBy?: string;
  /** Author times of the last role and profile changes (the later one wins). */
  roleAt: number;
  profileAt: number;
}

export interface CrisisInfo {
  name: string;
  departement: string;
  hazard: Hazard;
  startedAt: string;
  closed: boolean;
  /** Who closed it (shared and signed: every copy is read-only until reopened). */
  closedBy?: string;
}

export interface Claim {
  actor: string;
  until: number;
}

export interface Applied {
  /** Sightings whose row or history changed. */
  sightings: Set<string>;
  /** Members, claims or the crisis's details changed. */
  other: boolean;
}

export class CrisisState implements RuleContext {
  creator?: string;
  info?: CrisisInfo;
  private infoAt = 0;
  epoch = 0;
  readonly rotations: Entry<BodyOf<'v'>>[] = [];
  /** Files that left Vigie (public map, exports), in the order they were recorded here. */
  readonly outputs: BodyOf<'o'>[] = [];
  readonly members = new Map<string, Member>();
  private readonly claimEntries = new Map<string, Entry<BodyOf<'k'>>>();
  /**
   * Per sighting, its entries in order, as replaying needs them (no values seen before): the history
   * itself is read from the journal when shown (`sightingEntryIds`). A sighting known by its creation
   * alone (most of a big crisis) keeps only that entry's id: its row says the rest (`lone`). An entry
   * and its fields were ~190 bytes a sighting, 19 MB at 100,000.
   */
  private readonly trails = new Map<string, Trail | string>();
  /** One string per author (bodies parsed from text each bring their own copy). */
  private readonly authors = new Map<string, string>();
  readonly rows = new Map<string, Sighting>();
  /** Ids of every entry applied. */
  readonly ids = new ShardedSet<string>();
  /** Per member (or invitation key): the ids of the entries that admitted them or set their role. */
  readonly admissions = new Map<string, string[]>();
  /** Verifications, forwardings to the COD and rumours (core/workflow-state.ts). */
  readonly workflow = new WorkflowState();
  /** The main courante: free `l` lines and the lines other records make (core/main-courante.ts). */
  readonly log = new MainCourante();
  /** Purge certificates accepted: originals gone, redactions vouched for (core/purge.ts). */
  readonly purge = new PurgeState();
  /** Messages to relay, their approvals and relays (core/relay-kit-state.ts). */
  readonly relayKit = new RelayKitState();

  constructor(readonly crisisId: string) {}

  member(id: string): Member | undefined {
    return this.members.get(id);
  }

  claimOf(sightingId: string, now: number): Claim | undefined {
    const e = this.claimEntries.get(sightingId);
    return e && e.body.u > now && e.body.u > e.body.t ? { actor: e.body.a, until: e.body.u } : undefined;
  }

  /** The ids of a sighting's entries, in order (oldest first): what its history reads. */
  sightingEntryIds(sightingId: string): string[] {
    const trail = this.trails.get(sightingId);
    return trail === undefined ? [] : typeof trail === 'string' ? [trail] : trailIds(trail);
  }

  /** `g`: the envelope's signature, or a redacted entry's hash (then a certificate must vouch for it). */
  check(entry: Entry & { g?: string }): Verdict {
    return purgeVerdict(this.purge, entry) ?? checkEntry(this, entry);
  }

  /** Applies an entry `check` accepted. */
  apply(entry: Entry): Applied {
    const out: Applied = { sightings: new Set(), other: false };
    if (this.ids.has(entry.id)) return out;
    this.ids.add(entry.id);
    const b = entry.body;
    const admitted = b.k === 'x' ? b.a : b.k === 'm' ? b.m : b.k === 'p' && b.i ? b.a : undefined;
    if (admitted) this.admissions.set(admitted, [...(this.admissions.get(admitted) ?? []), entry.id]);
    this.log.apply(entry);
    switch (b.k) {
      case 'x':
        this.creator = b.a;
        this.setInfo(b, { ...b, closed: false });
        out.other = true;
        break;
      case 'u':
        this.setInfo(b, { name: b.name, departement: b.departement, hazard: b.hazard, startedAt: b.startedAt, closed: b.closed ?? this.info?.closed ?? false, closedBy: b.closed ? b.a : b.closed === false ? undefined : this.info?.closedBy });
        out.other = true;
        break;
      case 'm': {
        const m = this.members.get(b.m);
        if (!m)
          this.members.set(b.m, { id: b.m, name: b.label ?? '', organisation: '', role: b.role, admittedBy: b.a, admittedAt: b.t, invitation: b.m !== b.a, roleAt: b.t, profileAt: 0 });
        else if (b.t >= m.roleAt) Object.assign(m, { role: b.role, roleAt: b.t });
        out.other = true;
        break;
      }
      case 'p': {
        let m = this.members.get(b.a);
        if (!m && b.i) {
          const invite = this.members.get(b.i);
          m = { id: b.a, name: b.name, organisation: b.organisation, role: invite?.role ?? 'veilleur', admittedBy: invite?.admittedBy, admittedAt: b.t, via: b.i, invitation: false, roleAt: invite?.roleAt ?? b.t, profileAt: -1 };
          this.members.set(b.a, m);
        }
        if (m && b.t >= m.profileAt) Object.assign(m, { name: b.name, organisation: b.organisation, x: b.x ?? m.x, profileAt: b.t, invitation: false });
        out.other = true;
        break;
      }
      case 'r': {
        const m = this.members.get(b.m);
        if (m && (m.removedAt === undefined || b.t < m.removedAt)) Object.assign(m, { removedAt: b.t, removedBy: b.a });
        else if (!m)
          this.members.set(b.m, { id: b.m, name: '', organisation: '', role: 'veilleur', invitation: true, removedAt: b.t, removedBy: b.a, roleAt: b.t, profileAt: 0 });
        out.other = true;
        break;
      }
      case 'k': {
        const current = this.claimEntries.get(b.s);
        if (current && compareEntries(entry, current) < 0) break;
        // Releasing someone else's claim takes a coordinator.
        if (current && b.u === b.t && current.body.a !== b.a && !can(this, b.a, 'handle')) break;
        this.claimEntries.set(b.s, { id: entry.id, body: b });
        out.sightings.add(b.s);
        break;
      }
      case 'o':
        this.outputs.push(b);
        out.other = true;
        break;
      case 'v':
        this.epoch = Math.max(this.epoch, b.e);
        this.rotations.push({ id: entry.id, body: b });
        out.other = true;
        break;
      case 'q':
      case 'f':
      case 'y':
      case 'z':
        for (const s of this.workflow.apply({ id: entry.id, body: b }).sightings) out.sightings.add(s);
        out.other = b.k !== 'q';
        break;
      case 's':
        this.purge.apply(entry.id, b);
        out.other = true;
        break;
      case 'l':
        break;
      case 'b':
      case 'h':
      case 'd':
        this.relayKit.apply({ id: entry.id, body: b });
        out.other = true;
        break;
      case 'c':
      case 'e':
        this.addSightingEntry(entry.id, b);
        out.sightings.add(b.s);
        break;
    }
    return out;
  }

  private setInfo(b: { t: number }, info: CrisisInfo): void {
    if (b.t < this.infoAt) return;
    this.infoAt = b.t;
    const { name, departement, hazard, startedAt, closed, closedBy } = info;
    this.info = { name, departement, hazard, startedAt, closed, ...(closed && closedBy ? { closedBy } : {}) };
  }

  private addSightingEntry(id: string, b: SightingBody): void {
    const trail = this.trails.get(b.s);
    const a = this.authors.get(b.a) ?? (this.authors.set(b.a, b.a), b.a);
    if (trail === undefined && b.k === 'c') {
      this.trails.set(b.s, id);
      this.rows.set(b.s, applyChange(undefined, { id, body: { k: 'c', s: b.s, a, t: b.t, f: b.f } })!);
      return;
    }
    const entry: ReplayEntry = { id, body: { k: b.k, s: b.s, a, t: b.t, f: b.f } };
    let row: Sighting | undefined;
    if (trail === undefined) {
      // An edit before its sighting's creation (a peer sent them out of order): no row yet.
      this.trails.set(b.s, newTrail(entry));
      row = applyChange(undefined, entry);
    } else {
      const list: Trail = typeof trail === 'string' ? newTrail(this.lone(b.s, trail)) : trail;
      if (list !== trail) this.trails.set(b.s, list);
      row = addToTrail(list, b.s, entry, this.rows.get(b.s));
    }
    if (row) this.rows.set(b.s, row);
    else this.rows.delete(b.s);
  }

  /**
   * The creating entry of a sighting known by it alone, read back from its row: its fields that
   * differ from the defaults (what a creation writes), its author and time (createdBy, createdAt).
   */
  private lone(s: string, id: string): ReplayEntry {
    const row = this.rows.get(s)!;
    const f: Record<string, unknown> = {};
    for (const k of FIELD_NAMES) if (row[k] !== DEFAULT_FIELDS[k]) f[k] = row[k];
    return { id, body: { k: 'c', s, a: row.createdBy, t: row.createdAt, f: f as Partial<SightingFields> } };
  }

}
