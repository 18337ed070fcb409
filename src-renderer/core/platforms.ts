// Recognise the social network and the author handle from a pasted link, so a volunteer under
// stress only pastes the URL and the text.
import type { Platform } from './taxonomy';

const HOSTS: [RegExp, Platform][] = [
  [/(^|\.)(x|twitter)\.com$/, 'x'],
  [/(^|\.)(facebook\.com|fb\.com|fb\.watch)$/, 'facebook'],
  [/(^|\.)instagram\.com$/, 'instagram'],
  [/(^|\.)(youtube\.com|youtu\.be)$/, 'youtube'],
  [/(^|\.)tiktok\.com$/, 'tiktok'],
  [/(^|\.)snapchat\.com$/, 'snapchat'],
  [/(^|\.)(bsky\.app|bsky\.social)$/, 'bluesky'],
  [/(^|\.)(t\.me|telegram\.me|telegram\.org)$/, 'telegram'],
  [/(^|\.)(wa\.me|whatsapp\.com)$/, 'whatsapp'],
  [/(^|\.)(mastodon\.[a-z]+|mstdn\.[a-z]+|piaille\.fr|framapiaf\.org|mamot\.fr|social\.[a-z.]+)$/, 'mastodon'],
];

export interface RecognisedLink {
  platform: Platform;
  /** "@handle" when the link names its author, else "". */
  authorHandle: string;
}

const NOT_HANDLES = new Set(['status', 'statuses', 'watch', 'share', 'p', 'reel', 'video', 'groups', 'search', 'home', 'i', 'profile', 'shorts', 'channel', 'c', 'events', 'story.php', 'permalink.php', 'photo', 'photos']);

function handleFrom(platform: Platform, parts: string[]): string {
  const first = parts[0] ?? '';
  const pick = (s: string | undefined) => (s && !NOT_HANDLES.has(s.toLowerCase()) ? '@' + s.replace(/^@/, '') : '');
  switch (platform) {
    case 'x':
    case 'instagram':
    case 'telegram':
    case 'facebook':
      return pick(first);
    case 'bluesky':
      return first === 'profile' ? pick(parts[1]) : '';
    case 'mastodon':
    case 'tiktok':
    case 'youtube':
      return first.startsWith('@') ? pick(first) : '';
    default:
      return '';
  }
}

/** Returns null when the text is not an http(s) link. */
export function recogniseLink(text: string): RecognisedLink | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponentSafe);
  let platform: Platform = 'web';
  for (const [re, p] of HOSTS) if (re.test(host)) platform = p;
  // Any Mastodon-style instance: https://instance/@user/123456
  if (platform === 'web' && /^@[\w.]+$/.test(parts[0] ?? '') && /^\d+$/.test(parts[1] ?? '')) platform = 'mastodon';
  return { platform, authorHandle: handleFrom(platform, parts) };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
