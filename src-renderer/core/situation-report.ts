// The « point de situation » the COD hands the prefect: for a period, what was reported (counts by
// category, status and commune), the P1 sightings, the confirmed facts, the rumours and their
// verdicts, the messages relayed, what was forwarded to the COD and what it did, and the located
// points for the map. Pure and one pass over the rows, so 10,000 sightings take a few milliseconds.
//
// Which time puts a sighting in the period: when it was captured (`createdAt`, the author time of its
// signed creation), not the post's own time (`postedAt`, copied by hand, often missing): the report
// answers "what did the cell learn between 08:00 and 20:00". The counts give each sighting's status
// as it stands now (at `to` for the replay's reader, see core/replay.ts).
import { carriers, orderRumours } from './rumour-view';
import type { Sighting } from './sighting';
import type { Category, Priority, Status } from './taxonomy';
import { CATEGORIES, STATUSES } from './taxonomy';
import type { Action, RumourVerdict } from './workflow';
import type { Forwarding, Rumour, Step } from './workflow-state';
import { relaySection, type RelayInput, type RelaySection } from './situation-relay';

export type { RelayInput, RelaySection };

export interface Period {
  from: number;
  to: number;
}

export type PeriodPreset = 'all' | '12h' | '24h';

/** The period of a preset ending now; « depuis le début » starts at 0 (everything the record holds). */
export function presetPeriod(preset: PeriodPreset, now: number): Period {
  const hours = preset === '12h' ? 12 : preset === '24h' ? 24 : null;
  return { from: hours === null ? 0 : now - hours * 3_600_000, to: now };
}

/** Why a chosen period cannot be used, in French; null when it can. */
export function periodError(p: Period): string | null {
  if (!Number.isFinite(p.from) || !Number.isFinite(p.to)) return 'Début et fin de la période : deux dates valides sont demandées.';
  if (p.from > p.to) return 'Le début de la période est après sa fin.';
  return null;
}

/** Lines of the report are cut to this many characters: a brief, not the posts. */
export const SHORT_TEXT = 200;
/** Communes listed one by one; the others are summed in one line. */
export const MAX_COMMUNES = 25;
/** P1 sightings and confirmed facts listed in full; the rest are counted (the table has them all). */
export const MAX_LISTED = 500;

export interface SightingLine {
  id: string;
  /** When it was captured (or, for a confirmed fact, when the verdict was given). */
  at: number;
  commune: string;
  text: string;
  status: Status;
  priority: Priority;
  /** Who gave the verdict (confirmed facts). */
  by?: string;
}

export interface CommuneCount {
  /** INSEE code, or '' for the sightings without a commune. */
  insee: string;
  name: string;
  count: number;
  p1: number;
}

export interface RumourLine {
  id: string;
  claim: string;
  verdict: RumourVerdict;
  count: number;
  lastSeen: number | null;
  correction: string;
}

export interface ForwardingLine {
  id: string;
  at: number;
  actor: string;
  msg: string;
  /** The forwarded sightings, short, as the COD read them. */
  sightings: { id: string; text: string; commune: string; priority: Priority | null }[];
  ack?: { actor: string; at: number };
  action?: { action: Action; note: string; actor: string; at: number };
}

export interface MapPoint {
  lat: number;
  lon: number;
  category: Category;
  p1: boolean;
}

export interface SituationReport {
  period: Period;
  /** Sightings captured in the period, every status. */
  total: number;
  /** Of which duplicates and archived (left out of the counts by category and commune and of the lists). */
  duplicates: number;
  archived: number;
  byStatus: [Status, number][];
  /** Categories with at least one sighting, most first. */
  byCategory: [Category, number][];
  byCommune: CommuneCount[];
  /** Communes past MAX_COMMUNES, summed. */
  otherCommunes: { communes: number; count: number; p1: number };
  p1: SightingLine[];
  p1Total: number;
  confirmed: SightingLine[];
  confirmedTotal: number;
  rumours: RumourLine[];
  forwardings: ForwardingLine[];
  /** null: no relay data on this copy (the section shows « — »). */
  relay: RelaySection | null;
  points: MapPoint[];
}

export interface SituationInput {
  rows: Iterable<Sighting>;
  get(id: string): Sighting | undefined;
  workflow: {
    stepsOf(sightingId: string): readonly Step[];
    forwardings: ReadonlyMap<string, Forwarding>;
    rumours: ReadonlyMap<string, Rumour>;
  };
  period: Period;
  relay?: RelayInput | null;
}

/** Whitespace collapsed, cut to `max` characters with an ellipsis. */
export function shortText(text: string, max = SHORT_TEXT): string {
  // Only the start is read: a post may hold 20,000 characters.
  const one = text.slice(0, max * 4).replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1).trimEnd()}…`;
}

const inPeriod = (t: number, p: Period) => t >= p.from && t <= p.to;
const communeOf = (s: Sighting) => s.communeName || s.placeText || '';

function line(s: Sighting, at = s.createdAt, by?: string): SightingLine {
  return { id: s.id, at, commune: communeOf(s), text: shortText(s.text || s.publicTitle || s.url), status: s.status, priority: s.priority, ...(by ? { by } : {}) };
}

/** The latest verdict step of a sighting, if any (steps are kept oldest first). */
function lastVerdict(steps: readonly Step[]): Step | undefined {
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i]!.check === 'verdict') return steps[i];
  return undefined;
}

export function buildSituationReport({ rows, get, workflow, period, relay }: SituationInput): SituationReport {
  const statuses = new Map<Status, number>();
  const categories = new Map<Category, number>();
  const communes = new Map<string, CommuneCount>();
  // Sightings kept, as [sighting, time, author]: only those listed are made into lines (texts cut).
  const p1: [Sighting, number, string?][] = [];
  const confirmed: [Sighting, number, string?][] = [];
  const points: MapPoint[] = [];
  let total = 0;
  for (const s of rows) {
    const captured = inPeriod(s.createdAt, period);
    const steps = workflow.stepsOf(s.id);
    const verdict = steps.length ? lastVerdict(steps) : undefined;
    // A fact confirmed in the period belongs to it even when it was captured before.
    const confirmedHere = s.status !== 'archive' && s.status !== 'doublon' && (verdict ? verdict.verdict === 'confirme' : s.status === 'confirme');
    if (confirmedHere && (captured || (verdict && inPeriod(verdict.at, period)))) confirmed.push([s, verdict?.at ?? s.createdAt, verdict?.actor]);
    if (!captured) continue;
    total++;
    statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
    if (s.status === 'archive' || s.status === 'doublon') continue;
    categories.set(s.category, (categories.get(s.category) ?? 0) + 1);
    const key = s.communeInsee || s.communeName.toLowerCase();
    let c = communes.get(key);
    if (!c) communes.set(key, (c = { insee: s.communeInsee, name: s.communeName, count: 0, p1: 0 }));
    c.count++;
    if (s.priority === 'P1') {
      c.p1++;
      p1.push([s, s.createdAt]);
    }
    if (s.lat !== null && s.lon !== null) points.push({ lat: s.lat, lon: s.lon, category: s.category, p1: s.priority === 'P1' });
  }
  const chrono = (x: [Sighting, number, string?], y: [Sighting, number, string?]) => x[1] - y[1] || (x[0].id < y[0].id ? -1 : 1);
  const lines = (list: [Sighting, number, string?][]) => list.sort(chrono).slice(0, MAX_LISTED).map(([s, at, by]) => line(s, at, by));
  // Named communes by count (then name); the sightings without a commune last, whatever their count.
  const named = [...communes.values()].filter((c) => c.insee || c.name).sort((x, y) => y.count - x.count || x.name.localeCompare(y.name, 'fr'));
  const none = communes.get('');
  const listed = named.slice(0, MAX_COMMUNES);
  const rest = named.slice(MAX_COMMUNES);
  const byCommune = none ? [...listed, none] : listed;
  return {
    period,
    total,
    duplicates: statuses.get('doublon') ?? 0,
    archived: statuses.get('archive') ?? 0,
    byStatus: STATUSES.filter((s) => statuses.has(s)).map((s) => [s, statuses.get(s)!]),
    byCategory: CATEGORIES.filter((c) => categories.has(c))
      .map((c) => [c, categories.get(c)!] as [Category, number])
      .sort((x, y) => y[1] - x[1]),
    byCommune,
    otherCommunes: { communes: rest.length, count: rest.reduce((a, c) => a + c.count, 0), p1: rest.reduce((a, c) => a + c.p1, 0) },
    p1: lines(p1),
    p1Total: p1.length,
    confirmed: lines(confirmed),
    confirmedTotal: confirmed.length,
    rumours: rumourLines(workflow.rumours, get, period),
    forwardings: forwardingLines(workflow.forwardings, get, period),
    relay: relaySection(relay ?? null, period),
    points,
  };
}

/**
 * The rumours alive in the period: created before its end and seen (a carrying post, else an edit)
 * since its start; unverified first, as the « Rumeurs » view orders them.
 */
function rumourLines(rumours: ReadonlyMap<string, Rumour>, get: (id: string) => Sighting | undefined, period: Period): RumourLine[] {
  const out: RumourLine[] = [];
  for (const { rumour: r, stats } of orderRumours(rumours.values(), get)) {
    const last = Math.max(stats.lastSeen ?? -Infinity, r.updatedAt);
    if (r.createdAt > period.to || last < period.from) continue;
    out.push({ id: r.id, claim: shortText(r.claim, 300), verdict: r.verdict, count: carriers(r, get).length, lastSeen: stats.lastSeen, correction: shortText(r.correction, 300) });
  }
  return out;
}

/** Forwardings made in the period, oldest first, with the COD's receipt and action as they stand. */
function forwardingLines(forwardings: ReadonlyMap<string, Forwarding>, get: (id: string) => Sighting | undefined, period: Period): ForwardingLine[] {
  const out: ForwardingLine[] = [];
  for (const f of forwardings.values()) {
    if (!inPeriod(f.at, period)) continue;
    const sightings = f.sightings.map((id) => {
      const s = get(id);
      return { id, text: s ? shortText(s.text || s.url, 120) : '', commune: s ? communeOf(s) : '', priority: s?.priority ?? null };
    });
    out.push({ id: f.id, at: f.at, actor: f.actor, msg: shortText(f.msg, 300), sightings, ...(f.ack ? { ack: f.ack } : {}), ...(f.action ? { action: f.action } : {}) });
  }
  return out.sort((x, y) => x.at - y.at || (x.id < y.id ? -1 : 1));
}
