// One key per post, whatever link was pasted for it: the same tweet shared as
// "https://mobile.twitter.com/Prefet82/status/123?s=20&t=abc" and "http://x.com/prefet82/status/123/" is one
// sighting. Used to find duplicates (import now; the triage workflow later). The key is for comparing
// only: it is never shown or opened.

/** Query parameters that only say how a link travelled, on any host. */
const TRACKING = new Set([
  'fbclid', 'gclid', 'dclid', 'msclkid', 'igshid', 'igsh', 'mc_cid', 'mc_eid', 'ref_src', 'ref_url', 'mibextid',
  '_rdr', 'rdid', 'share_url', 'sfnsn', 'xmt',
  // French news sites (AT Internet / Piano, Xiti): ?xtor=RSS-3208, at_medium, at_campaign
  'xtor', 'at_medium', 'at_campaign', 'at_platform', 'at_send_date', 'at_creation', 'at_link', 'at_ptr_name', 'cmpid',
]);
/** …and on some hosts only (x.com's "s" and "t" are share tracking; elsewhere "t" may be a video's time). */
const TRACKING_BY_HOST: Record<string, ReadonlySet<string>> = {
  'x.com': new Set(['s', 't', 'src', 'ref']),
  'facebook.com': new Set(['ref', 'refid', 'sfns', '__tn__', '__cft__', '__xts__', 'rdc', 'rdr', 'extid', 'notif_id', 'notif_t']),
  'instagram.com': new Set(['img_index']),
  'youtube.com': new Set(['feature', 'si', 'pp']),
  'tiktok.com': new Set(['is_from_webapp', 'sender_device', 'sender_web_id', 'lang', '_r', '_t']),
};
/**
 * Hosts that are another name of the same site: X's former name and the embed proxies people share
 * for the preview (fxtwitter, vxtwitter, fixupx), Facebook's light and touch sites.
 */
const SAME_SITE: Record<string, string> = {
  'twitter.com': 'x.com',
  'fxtwitter.com': 'x.com',
  'vxtwitter.com': 'x.com',
  'fixupx.com': 'x.com',
  'fixvx.com': 'x.com',
  'twittpr.com': 'x.com',
  'fb.com': 'facebook.com',
  'web.facebook.com': 'facebook.com',
  'mbasic.facebook.com': 'facebook.com',
  'touch.facebook.com': 'facebook.com',
  'business.facebook.com': 'facebook.com',
  'l.facebook.com': 'facebook.com',
  'lm.facebook.com': 'facebook.com',
  'youtu.be': 'youtube.com',
  'ddinstagram.com': 'instagram.com',
};

/**
 * The comparison key of a link: host lowercased without "www.", "m.", "mobile."; twitter.com ≡ x.com;
 * http ≡ https; no fragment, no tracking parameters (utm_*, fbclid, x.com's s and t…), the others
 * sorted; no trailing slash. A post on X is keyed by its status id alone (the handle in the path may
 * differ in case or be wrong: X redirects by id). "" for anything that is not an http(s) link.
 */
export function urlKey(link: string): string {
  if (typeof link !== 'string') return '';
  const text = link.trim();
  if (!/^https?:\/\//i.test(text) || text.length > 4096) return '';
  let url: URL;
  try {
    // A new string for URL, which would otherwise make the row's own link an external string for
    // good (core/utf8.ts); URL drops the leading space.
    url = new URL(' ' + text);
  } catch {
    return '';
  }
  let host = url.hostname.toLowerCase().replace(/\.$/, '');
  host = SAME_SITE[host] ?? host; // before "m." goes: mbasic., touch.
  while (/^(www|m|mobile)\./.test(host)) host = host.replace(/^(www|m|mobile)\./, '');
  host = SAME_SITE[host] ?? host;
  let path = url.pathname.replace(/\/+$/, '') || '';
  const params = new URLSearchParams(url.search);

  if (url.hostname.toLowerCase().endsWith('youtu.be') && path.length > 1) {
    // https://youtu.be/ID → youtube.com/watch?v=ID
    params.set('v', path.slice(1));
    path = '/watch';
  }
  if (host === 'x.com') {
    const status = path.match(/^\/(?:[^/]+|i(?:\/web)?)\/status(?:es)?\/(\d+)/i);
    if (status) path = `/status/${status[1]}`;
  }
  if (host === 'facebook.com') {
    // Facebook's outgoing-link wrapper (l.facebook.com/l.php?u=…) stands for the page it points to.
    if (path === '/l.php' && params.get('u')) return urlKey(params.get('u')!);
    // One post, several paths: /permalink.php and /story.php with the same story_fbid and id.
    if (path === '/permalink.php') path = '/story.php';
  }
  if (host === 'instagram.com') {
    // instagram.com/reel/ID ≡ /p/ID ≡ /tv/ID ≡ /<compte>/p/ID: one media, keyed by its short code.
    const media = path.match(/^(?:\/[^/]+)?\/(?:p|reel|reels|tv)\/([\w-]+)/);
    if (media) path = `/p/${media[1]}`;
  }
  if (host === 'youtube.com') {
    // youtube.com/shorts/ID and /live/ID ≡ /watch?v=ID
    const video = path.match(/^\/(?:shorts|live|embed)\/([\w-]+)/);
    if (video) {
      params.set('v', video[1]!);
      path = '/watch';
    }
  }

  const dropHere = TRACKING_BY_HOST[host];
  const kept: [string, string][] = [];
  for (const [k, v] of params) {
    const name = k.toLowerCase().replace(/\[.*$/, ''); // __cft__[0]
    if (name.startsWith('utm_') || TRACKING.has(name) || dropHere?.has(name)) continue;
    kept.push([k, v]);
  }
  kept.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const query = kept.length ? '?' + new URLSearchParams(kept).toString() : '';
  const port = url.port ? ':' + url.port : '';
  return host + port + path + query;
}

/** A link's key as a small integer (FNV-1a, 30 bits: stored unboxed). */
export function urlHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}
