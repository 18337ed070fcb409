// The point de situation's « Messages relayés » section, from whatever the relay kit records (kinds
// `b` message, `h` approval, `d` relayed: core/relay-kit.ts, being built). This file only defines
// what the section needs, so the relay kit's state maps onto it in one function and the report does
// not depend on how the kit stores things. Until that hook-up, the input is null and the section
// shows « — ».
export interface RelayInput {
  messages: readonly RelayMessageInput[];
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
}

export interface RelaySection {
  messages: RelayMessageLine[];
  /** Relays in the period, all messages. */
  total: number;
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
    });
  }
  return { messages: messages.sort((x, y) => y.relays - x.relays || x.title.localeCompare(y.title, 'fr')), total };
}
