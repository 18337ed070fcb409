// The relay kit as its verified entries say it is: each message with its fields (the later entry in
// the record's order wins, field by field), its version, whether the COD approved that version, and
// who relayed it where. Pure, and the same on every copy whatever order entries arrive in: entries
// are kept per message and everything shown is derived from the whole set (a few dozen messages,
// recomputed only when one of them changes).
import { compareEntries, type BodyOf, type Entry } from './records';
import { RELAY_PLATFORMS, type RelayCategory, type RelayPlatform } from './relay-kit';

export type RelayStatus = 'brouillon' | 'a_approuver' | 'approuve' | 'modifie';

export interface Relay {
  id: string;
  actor: string;
  at: number;
  platform: RelayPlatform;
  url: string;
  /** The version relayed (id of the edit that made it). */
  version: string;
  /** That version was approved by the COD: a relay of anything else is kept but flagged. */
  approved: boolean;
  /** The message has been edited since (a newer version exists). */
  outdated: boolean;
}

export interface Approval {
  id: string;
  actor: string;
  at: number;
  version: string;
}

export interface RelayMessage {
  id: string;
  category: RelayCategory;
  title: string;
  source: string;
  text: string;
  variants: Record<RelayPlatform, string>;
  hashtags: string[];
  ready: boolean;
  createdBy: string;
  createdAt: number;
  updatedBy: string;
  updatedAt: number;
  /** The id of the latest edit, and how many edits: what an approval names. */
  version: string;
  edits: number;
  status: RelayStatus;
  /** The approval of the current version, if any (the first one). */
  approval?: Approval;
  /** The latest approval of any version (to say "approuvé par … puis modifié"). */
  lastApproval?: Approval;
  /** Every relay, oldest first. */
  relays: Relay[];
}

type Edit = Entry<BodyOf<'b'>>;
type Approve = Entry<BodyOf<'h'>>;
type Relayed = Entry<BodyOf<'d'>>;

interface Trail {
  edits: Edit[];
  approvals: Approve[];
  relays: Relayed[];
  view?: RelayMessage;
}

const FIELDS = ['category', 'title', 'source', 'text', 'hashtags', 'ready'] as const;

export class RelayKitState {
  private readonly trails = new Map<string, Trail>();

  /** Messages that have at least one edit (approvals or relays of an unknown message wait unseen). */
  messages(): RelayMessage[] {
    const out: RelayMessage[] = [];
    for (const id of this.trails.keys()) {
      const m = this.message(id);
      if (m) out.push(m);
    }
    return out;
  }

  message(id: string): RelayMessage | undefined {
    const trail = this.trails.get(id);
    if (!trail?.edits.length) return undefined;
    return (trail.view ??= derive(id, trail));
  }

  /** Applies an accepted `b`, `h` or `d` entry; returns the message it concerns. */
  apply(entry: Entry<BodyOf<'b'> | BodyOf<'h'> | BodyOf<'d'>>): string {
    const b = entry.body;
    let trail = this.trails.get(b.b);
    if (!trail) this.trails.set(b.b, (trail = { edits: [], approvals: [], relays: [] }));
    const list = (b.k === 'b' ? trail.edits : b.k === 'h' ? trail.approvals : trail.relays) as Entry[];
    if (list.some((e) => e.id === entry.id)) return b.b;
    let i = list.length;
    while (i > 0 && compareEntries(list[i - 1]!, entry) > 0) i--;
    list.splice(i, 0, entry);
    trail.view = undefined;
    return b.b;
  }
}

function derive(id: string, trail: Trail): RelayMessage {
  const first = trail.edits[0]!;
  const last = trail.edits[trail.edits.length - 1]!;
  const m: RelayMessage = {
    id,
    category: 'mise_en_securite',
    title: '',
    source: '',
    text: '',
    variants: Object.fromEntries(RELAY_PLATFORMS.map((p) => [p, ''])) as Record<RelayPlatform, string>,
    hashtags: [],
    ready: false,
    createdBy: first.body.a,
    createdAt: first.body.t,
    updatedBy: last.body.a,
    updatedAt: last.body.t,
    version: last.id,
    edits: trail.edits.length,
    status: 'brouillon',
    relays: [],
  };
  // Edits are in the record's order: each field present overwrites, so the latest wins per field.
  for (const { body } of trail.edits) {
    for (const f of FIELDS) if (body[f] !== undefined) (m as unknown as Record<string, unknown>)[f] = body[f];
    for (const p of RELAY_PLATFORMS) if (body.variants?.[p] !== undefined) m.variants[p] = body.variants[p]!;
  }
  const toApproval = (e: Approve): Approval => ({ id: e.id, actor: e.body.a, at: e.body.t, version: e.body.v });
  const current = trail.approvals.find((e) => e.body.v === m.version && e.body.n === m.edits);
  if (current) m.approval = toApproval(current);
  const latest = trail.approvals[trail.approvals.length - 1];
  if (latest) m.lastApproval = toApproval(latest);
  m.status = m.approval ? 'approuve' : m.lastApproval ? 'modifie' : m.ready ? 'a_approuver' : 'brouillon';
  // A version counts as approved if any approval named it (even one since edited again).
  const approvedVersions = new Set(trail.approvals.map((e) => e.body.v));
  m.relays = trail.relays.map((e) => ({
    id: e.id,
    actor: e.body.a,
    at: e.body.t,
    platform: e.body.platform,
    url: e.body.url,
    version: e.body.v,
    approved: approvedVersions.has(e.body.v),
    outdated: e.body.v !== m.version,
  }));
  return m;
}

export interface CoverageCell {
  platform: RelayPlatform;
  relays: Relay[];
}

/** Per platform, who relayed the message; and the platforms where nobody has yet. */
export function coverageOf(m: RelayMessage): { cells: CoverageCell[]; missing: RelayPlatform[] } {
  const cells = RELAY_PLATFORMS.map((platform) => ({ platform, relays: m.relays.filter((r) => r.platform === platform) }));
  return { cells, missing: cells.filter((c) => !c.relays.length).map((c) => c.platform) };
}

/** What is still to relay: approved messages × platforms nobody relayed them on. */
export function stillToRelay(messages: readonly RelayMessage[]): { message: RelayMessage; platforms: RelayPlatform[] }[] {
  return messages
    .filter((m) => m.status === 'approuve')
    .map((message) => ({ message, platforms: coverageOf(message).missing }))
    .filter((x) => x.platforms.length > 0);
}
