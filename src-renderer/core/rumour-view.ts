// A rumour as the crisis cell reads it: how many sightings carry it, on which platforms, first and
// last seen; and the order of the rumours list (the ones still to verify first). Pure: the sightings
// come through `get`, so this costs the linked sightings only, whatever the size of the table.
import { seenAt, type Sighting } from './sighting';
import type { Platform } from './taxonomy';
import type { Rumour } from './workflow-state';

export interface RumourStats {
  /** Linked sightings known on this copy and not archived. */
  count: number;
  /** Per platform, most frequent first (then by platform id, for a stable display). */
  byPlatform: [Platform, number][];
  /** When the rumour was first / last seen: the posts' times (else when they were captured), ms. */
  firstSeen: number | null;
  lastSeen: number | null;
}

/**
 * The linked sightings this copy holds, archived ones left out (archiving is how a sighting is
 * deleted; a link that arrived before its sighting counts once the sighting does).
 */
export function carriers(r: Rumour, get: (id: string) => Sighting | undefined): Sighting[] {
  const out: Sighting[] = [];
  for (const id of r.sightings) {
    const s = get(id);
    if (s && s.status !== 'archive') out.push(s);
  }
  return out;
}

export function rumourStats(r: Rumour, get: (id: string) => Sighting | undefined): RumourStats {
  const counts = new Map<Platform, number>();
  let firstSeen: number | null = null;
  let lastSeen: number | null = null;
  const rows = carriers(r, get);
  for (const s of rows) {
    counts.set(s.platform, (counts.get(s.platform) ?? 0) + 1);
    const at = seenAt(s);
    if (firstSeen === null || at < firstSeen) firstSeen = at;
    if (lastSeen === null || at > lastSeen) lastSeen = at;
  }
  const byPlatform = [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  return { count: rows.length, byPlatform, firstSeen, lastSeen };
}

/**
 * The rumours list: active ones (« non vérifiée ») first, then the others; within each, the most
 * recently seen first (a rumour no sighting carries yet counts from its last edit).
 */
export function orderRumours(rumours: Iterable<Rumour>, get: (id: string) => Sighting | undefined): { rumour: Rumour; stats: RumourStats }[] {
  const list = [...rumours].map((rumour) => ({ rumour, stats: rumourStats(rumour, get) }));
  const recency = (x: { rumour: Rumour; stats: RumourStats }) => x.stats.lastSeen ?? x.rumour.updatedAt;
  return list.sort(
    (x, y) =>
      Number(y.rumour.verdict === 'non_verifiee') - Number(x.rumour.verdict === 'non_verifiee') ||
      recency(y) - recency(x) ||
      (x.rumour.id < y.rumour.id ? -1 : 1),
  );
}
