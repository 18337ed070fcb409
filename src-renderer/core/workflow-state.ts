// The workflow as its verified entries say it is: each sighting's verification steps, the
// forwardings to the COD with their acknowledgement and action, and the rumours. Pure, and the same
// on every copy whatever the order entries arrive in: where two entries set the same thing, the later
// one in the entries' total order (compareEntries) wins.
import { compareEntries, type BodyOf, type Entry } from './records';
import type { Action, Check, RumourVerdict, Verdict } from './workflow';
import type { AuthorKind } from './taxonomy';

export interface Step {
  id: string;
  check: Check | 'verdict';
  ok: boolean;
  verdict?: Verdict;
  sourceKind?: AuthorKind;
  links?: string[];
  by?: string;
  note?: string;
  actor: string;
  at: number;
}

export interface Forwarding {
  id: string;
  sightings: readonly string[];
  msg: string;
  actor: string;
  at: number;
  /** "Reçu par …, à …": the first acknowledgement. */
  ack?: { actor: string; at: number };
  /** The action taken, as last said. */
  action?: { action: Action; note: string; actor: string; at: number };
}

export interface Rumour {
  id: string;
  claim: string;
  verdict: RumourVerdict;
  evidence: string;
  correction: string;
  link: string;
  isPublic: boolean;
  sightings: ReadonlySet<string>;
  createdBy: string;
  createdAt: number;
  updatedBy: string;
  updatedAt: number;
}

type Winner = Entry;
const RUMOUR_FIELDS = ['claim', 'verdict', 'evidence', 'correction', 'link', 'isPublic'] as const;

export interface WorkflowChange {
  sightings: string[];
}

export class WorkflowState {
  private readonly steps = new Map<string, Step[]>();
  readonly forwardings = new Map<string, Forwarding>();
  private readonly forwardsBySighting = new Map<string, string[]>();
  /** Acknowledgements that arrived before their forwarding. */
  private readonly orphanAcks = new Map<string, Entry<BodyOf<'y'>>[]>();
  private readonly ackWinners = new Map<string, { first?: Winner; action?: Winner }>();
  readonly rumours = new Map<string, Rumour>();
  private readonly rumourWinners = new Map<string, Map<string, Winner>>();
  private readonly rumoursBySighting = new Map<string, Set<string>>();

  /** Every step recorded on a sighting, oldest first. */
  stepsOf(sightingId: string): readonly Step[] {
    return this.steps.get(sightingId) ?? [];
  }

  /** The current state of each check and the verdict: the latest step of each. */
  verificationOf(sightingId: string): Map<Check | 'verdict', Step> {
    const out = new Map<Check | 'verdict', Step>();
    for (const s of this.stepsOf(sightingId)) out.set(s.check, s);
    return out;
  }

  forwardingsOf(sightingId: string): Forwarding[] {
    return (this.forwardsBySighting.get(sightingId) ?? []).map((id) => this.forwardings.get(id)!);
  }

  rumoursOf(sightingId: string): Rumour[] {
    return [...(this.rumoursBySighting.get(sightingId) ?? [])].map((id) => this.rumours.get(id)!).filter((r) => r.sightings.has(sightingId));
  }

  /** Forwardings the COD has not acknowledged yet, oldest first. */
  unacknowledged(): Forwarding[] {
    return [...this.forwardings.values()].filter((f) => !f.ack).sort((x, y) => x.at - y.at);
  }

  apply(entry: Entry<BodyOf<'q'> | BodyOf<'f'> | BodyOf<'y'> | BodyOf<'z'>>): WorkflowChange {
    const b = entry.body;
    switch (b.k) {
      case 'q':
        return this.step(entry as Entry<BodyOf<'q'>>);
      case 'f': {
        const f: Forwarding = { id: entry.id, sightings: [...new Set(b.s)], msg: b.msg, actor: b.a, at: b.t };
        this.forwardings.set(entry.id, f);
        for (const s of f.sightings) this.forwardsBySighting.set(s, [...(this.forwardsBySighting.get(s) ?? []), entry.id]);
        const waiting = this.orphanAcks.get(entry.id) ?? [];
        this.orphanAcks.delete(entry.id);
        for (const y of waiting) this.acknowledge(y);
        return { sightings: [...f.sightings] };
      }
      case 'y':
        return this.acknowledge(entry as Entry<BodyOf<'y'>>);
      case 'z':
        return this.rumour(entry as Entry<BodyOf<'z'>>);
    }
  }

  private step(entry: Entry<BodyOf<'q'>>): WorkflowChange {
    const b = entry.body;
    const step: Step = {
      id: entry.id,
      check: b.check,
      ok: b.check === 'verdict' ? true : (b.ok ?? true),
      actor: b.a,
      at: b.t,
      ...(b.verdict ? { verdict: b.verdict } : {}),
      ...(b.sourceKind ? { sourceKind: b.sourceKind } : {}),
      ...(b.links?.length ? { links: b.links } : {}),
      ...(b.by ? { by: b.by } : {}),
      ...(b.note ? { note: b.note } : {}),
    };
    let list = this.steps.get(b.s);
    if (!list) this.steps.set(b.s, (list = []));
    let i = list.length;
    while (i > 0 && order(list[i - 1]!, step) > 0) i--;
    list.splice(i, 0, step);
    return { sightings: [b.s] };
  }

  private acknowledge(entry: Entry<BodyOf<'y'>>): WorkflowChange {
    const b = entry.body;
    const f = this.forwardings.get(b.f);
    if (!f) {
      this.orphanAcks.set(b.f, [...(this.orphanAcks.get(b.f) ?? []), entry]);
      return { sightings: [] };
    }
    const w = this.ackWinners.get(b.f) ?? {};
    this.ackWinners.set(b.f, w);
    // The first acknowledgement says when the COD received it; the latest action says what it did.
    if (!w.first || compareEntries(entry, w.first) < 0) {
      w.first = entry;
      f.ack = { actor: b.a, at: b.t };
    }
    if (b.action && (!w.action || compareEntries(entry, w.action) > 0)) {
      w.action = entry;
      f.action = { action: b.action, note: b.note ?? '', actor: b.a, at: b.t };
    }
    return { sightings: [...f.sightings] };
  }

  private rumour(entry: Entry<BodyOf<'z'>>): WorkflowChange {
    const b = entry.body;
    let r = this.rumours.get(b.z);
    if (!r) {
      r = { id: b.z, claim: '', verdict: 'non_verifiee', evidence: '', correction: '', link: '', isPublic: false, sightings: new Set(), createdBy: b.a, createdAt: b.t, updatedBy: b.a, updatedAt: b.t };
      this.rumours.set(b.z, r);
    }
    if (b.t < r.createdAt) Object.assign(r, { createdAt: b.t, createdBy: b.a });
    if (b.t >= r.updatedAt) Object.assign(r, { updatedAt: b.t, updatedBy: b.a });
    const winners = this.rumourWinners.get(b.z) ?? new Map<string, Winner>();
    this.rumourWinners.set(b.z, winners);
    const wins = (key: string) => {
      const w = winners.get(key);
      if (w && compareEntries(entry, w) < 0) return false;
      winners.set(key, entry);
      return true;
    };
    for (const field of RUMOUR_FIELDS) if (b[field] !== undefined && wins(field)) (r as unknown as Record<string, unknown>)[field] = b[field];
    const changed: string[] = [];
    const linked = r.sightings as Set<string>;
    for (const [ids, on] of [[b.add ?? [], true], [b.drop ?? [], false]] as const)
      for (const s of ids) {
        if (!wins(`s:${s}`)) continue;
        if (on) linked.add(s);
        else linked.delete(s);
        let of = this.rumoursBySighting.get(s);
        if (!of) this.rumoursBySighting.set(s, (of = new Set()));
        of.add(b.z);
        changed.push(s);
      }
    return { sightings: changed };
  }
}

function order(x: Step, y: Step): number {
  return x.at - y.at || (x.actor < y.actor ? -1 : x.actor > y.actor ? 1 : 0) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}
