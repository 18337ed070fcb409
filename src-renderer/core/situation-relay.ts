// The point de situation's « Messages relayés » section, from what the relay kit records (kinds `b`
// message, `h` approval, `d` relayed: core/relay-kit-state.ts). The section needs little of the kit's
// state: relayInputFrom maps it, so the report does not depend on how the kit keeps things. A crisis
// with no message to relay has no input: the section shows « — ».
import { RELAY_PLATFORMS } from './relay-kit';
import type { RelayMessage } from './relay-kit-state';

export interface RelayInput {
  messages: readonly RelayMessageInput[];
  /** The platforms messages are meant for: those without any relay in the period are named. */
  platforms: readonly string[];
}

export interface RelayMessageInput {
  id: string;
  /** The message's title (or its first words). */
  title: string;
  /** When a COD member approved the version that was relayed; undefined: not approved. */
  approvedAt?: number;
  /** Each volunteer's « relayé » (kind `d`): where and when. */
  relays: readonly { platform: string; at: number; by: string }[];
}

export interface RelayMessageLine {
  id: string;
  title: string;
  approved: boolean;
  /** Relays made in the period. */
  relays: number;
  /** Distinct volunteers who relayed it in the period. */
  volunteers: number;
  /** Per platform, most first. */
  byPlatform: [string, number][];
  /** The platforms it was not relayed on in the period (what is still to relay). */
  missing: string[];
}

export interface RelaySection {
  messages: RelayMessageLine[];
  /** Relays in the period, all messages. */
  total: number;
}

/** The relay kit's messages as the section reads them; null when the crisis has none. */
export function relayInputFrom(messages: readonly RelayMessage[]): RelayInput | null {
  if (!messages.length) return null;
  return {
    platforms: RELAY_PLATFORMS,
    messages: messages.map((m) => ({
      id: m.id,
      title: m.title,
      // The approval of the version as it stands (an edit after approval asks for a new one).
      ...(m.approval ? { approvedAt: m.approval.at } : {}),
      relays: m.relays.map((r) => ({ platform: r.platform, at: r.at, by: r.actor })),
    })),
  };
}

/** The section for a period; null when this copy has no relay data at all. */
export function relaySection(input: RelayInput | null, period: { from: number; to: number }): RelaySection | null {
  if (!input) return null;
  const messages: RelayMessageLine[] = [];
  let total = 0;
  for (const m of input.messages) {
    const inside = m.relays.filter((r) => r.at >= period.from && r.at <= period.to);
    const approvedIn = m.approvedAt !== undefined && m.approvedAt >= period.from && m.approvedAt <= period.to;
    if (!inside.length && !approvedIn) continue;
    const platforms = new Map<string, number>();
    for (const r of inside) platforms.set(r.platform, (platforms.get(r.platform) ?? 0) + 1);
    total += inside.length;
    messages.push({
      id: m.id,
      title: m.title,
      approved: m.approvedAt !== undefined,
      relays: inside.length,
      volunteers: new Set(inside.map((r) => r.by)).size,
      byPlatform: [...platforms].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)),
      missing: input.platforms.filter((p) => !platforms.has(p)),
    });
  }
  return { messages: messages.sort((x, y) => y.relays - x.relays || x.title.localeCompare(y.title, 'fr')), total };
}
