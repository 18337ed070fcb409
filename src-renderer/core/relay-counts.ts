// How long a post is, counted the way each platform counts it, so a volunteer knows before pasting
// whether it fits:
// - X: twitter-text's parseTweet (X's own library: every link is 23, most emoji 2, CJK 2);
// - Bluesky: 300 graphemes (what a reader sees as one character: "👨‍👩‍👧" is one), Intl.Segmenter;
// - Mastodon: 500, counted as its server does (StatusLengthValidator): graphemes, every http(s)
//   link as 23, a mention "@nom@instance" as "@nom";
// - Facebook: no practical limit (63,206), the count is shown for information.
// twitter-text's ES build exports one default object (its CommonJS build, what Node loads, the same).
import twitterText from 'twitter-text';
import type { RelayPlatform } from './relay-kit';

export const PLATFORM_LIMITS: Record<RelayPlatform, number | null> = { x: 280, bluesky: 300, mastodon: 500, facebook: null };

/** Mastodon counts every link as this many characters, whatever its length. */
const LINK_WEIGHT = 23;
/** Mastodon's mention (Account::MENTION_RE): only the name before the instance counts. */
const MENTION = /(^|[^/\p{L}\p{N}_])@([\p{L}\p{N}_]+)@[a-z0-9.-]+[a-z0-9]/giu;

let segmenter: Intl.Segmenter | null = null;

/** Graphemes: what a reader sees as characters ("é" typed in two code points, a family emoji: one each). */
export function graphemes(text: string): number {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

function mastodonLength(text: string): number {
  let out = '';
  let at = 0;
  for (const u of twitterText.extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: false })) {
    out += text.slice(at, u.indices[0]) + 'x'.repeat(LINK_WEIGHT);
    at = u.indices[1];
  }
  out += text.slice(at);
  return graphemes(out.replace(MENTION, '$1@$2'));
}

export interface PostCount {
  count: number;
  limit: number | null;
  /** Over the platform's limit. */
  over: boolean;
}

export function countFor(platform: RelayPlatform, text: string): PostCount {
  const count = platform === 'x' ? twitterText.parseTweet(text).weightedLength : platform === 'mastodon' ? mastodonLength(text) : graphemes(text);
  const limit = PLATFORM_LIMITS[platform];
  return { count, limit, over: limit !== null && count > limit };
}
