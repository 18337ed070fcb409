// The relay kit: official messages and solidarity calls the volunteers relay on their accounts.
// Three signed kinds (schemas here, built by records.ts with its shared pieces so this file needs
// nothing from it): `b` a message created or edited (each field present is set, the later entry
// wins per field), `h` the COD's approval of ONE version of a message, `d` a volunteer's "relayed"
// (platform, URL of their post). What a message looks like once its entries are read is in
// relay-kit-state.ts; what a post counts per platform in relay-counts.ts.
import { z } from 'zod';
import type { Labels } from './labels';

export const RELAY_CATEGORIES = ['mise_en_securite', 'secours', 'solidarite', 'initiative_locale'] as const;
export type RelayCategory = (typeof RELAY_CATEGORIES)[number];

export const RELAY_PLATFORMS = ['x', 'bluesky', 'mastodon', 'facebook'] as const;
export type RelayPlatform = (typeof RELAY_PLATFORMS)[number];

export const RELAY_CATEGORY_LABELS: Labels<RelayCategory> = {
  mise_en_securite: { fr: 'Consignes de mise en sécurité', en: 'Safety instructions' },
  secours: { fr: 'Mesures de secours', en: 'Relief measures' },
  solidarite: { fr: 'Appel à la solidarité', en: 'Call for solidarity' },
  initiative_locale: { fr: 'Initiative locale', en: 'Local initiative' },
};

export const RELAY_PLATFORM_LABELS: Labels<RelayPlatform> = {
  x: { fr: 'X', en: 'X' },
  bluesky: { fr: 'Bluesky', en: 'Bluesky' },
  mastodon: { fr: 'Mastodon', en: 'Mastodon' },
  facebook: { fr: 'Facebook', en: 'Facebook' },
};

/** Bounds of every text a message holds (a peer's entry longer than these is refused). */
export const RELAY_LIMITS = { title: 200, text: 5000, variant: 5000, hashtags: 10, hashtag: 100 } as const;

/** "#Crue82", "#Inondations_Tarn": a letter or digit word, with or without its "#". */
export const HASHTAG = /^#?[\p{L}\p{N}_]{1,99}$/u;

/** The kinds' schemas, given records.ts's author/time fields, id and safe-link schemas. */
export function relaySchemas<B extends z.ZodRawShape>(base: B, id: z.ZodString, link: z.ZodType<string>) {
  const text = (max: number) => z.string().max(max);
  const variants = z.object(Object.fromEntries(RELAY_PLATFORMS.map((p) => [p, text(RELAY_LIMITS.variant).optional()])) as Record<RelayPlatform, z.ZodOptional<z.ZodString>>);
  return {
    /**
     * A message to relay created (the first entry naming `b`) or edited: each field present is set.
     * `ready` submits it for the COD's approval (a draft until then).
     */
    b: z.object({
      k: z.literal('b'),
      ...base,
      b: id,
      category: z.enum(RELAY_CATEGORIES).optional(),
      title: z.string().trim().min(1).max(RELAY_LIMITS.title).optional(),
      source: z.union([link, z.literal('')]).optional(),
      text: text(RELAY_LIMITS.text).optional(),
      variants: variants.optional(),
      hashtags: z.array(z.string().regex(HASHTAG)).max(RELAY_LIMITS.hashtags).optional(),
      ready: z.boolean().optional(),
    }),
    /**
     * The COD approves one version of message `b`: `v` is the id of the entry that made it (the
     * latest edit) and `n` how many edits it had, so an edit after (or a concurrent one arriving
     * later) needs a new approval.
     */
    h: z.object({ k: z.literal('h'), ...base, b: id, v: id, n: z.number().int().min(1).max(100_000) }),
    /** A member relayed version `v` of message `b` on a platform: the URL of their post. */
    d: z.object({ k: z.literal('d'), ...base, b: id, v: id, platform: z.enum(RELAY_PLATFORMS), url: link }),
  };
}

/** A hashtag as posted: with its "#". */
export function normaliseHashtag(tag: string): string {
  const t = tag.trim();
  return t.startsWith('#') ? t : `#${t}`;
}

/**
 * The post a volunteer copies for one platform: the platform's variant (or the message's text),
 * then the source link unless the text already has it, then the hashtags the text lacks.
 */
export function composePost(m: { text: string; variants: Partial<Record<RelayPlatform, string>>; source: string; hashtags: readonly string[] }, platform: RelayPlatform): string {
  const body = (m.variants[platform] || m.text).trim();
  const parts = [body];
  if (m.source && !body.includes(m.source)) parts.push(m.source);
  const lower = body.toLowerCase();
  const tags = m.hashtags.map(normaliseHashtag).filter((tag) => !new RegExp(`${escapeRegExp(tag.toLowerCase())}(?![\\p{L}\\p{N}_])`, 'u').test(lower));
  if (tags.length) parts.push(tags.join(' '));
  return parts.filter(Boolean).join('\n\n');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
