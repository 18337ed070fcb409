// The one rule for links that may leave the app, shared by the sighting model, the browser build
// and the desktop shell (main process), so all refuse exactly the same things. Links come from the
// internet and from any peer: javascript:, file:, data:, smb:, vigie:… could run code, reach the
// local disk or a network share, and credentials in a link hand a password to a third party.

/** Longer than any real link; bounds the work done on hostile input. */
export const MAX_LINK_LENGTH = 2048;

/**
 * The common shape, "http(s)://host/path" with no "@", ":" or "\\" before the path, is safe by
 * construction; checking it without building a URL keeps loading 100k sightings fast.
 */
const PLAIN_HTTP_URL = /^https?:\/\/[a-z0-9][a-z0-9.-]*\/\S*$/i;

/** True only for an absolute http(s) URL with a host and without credentials. */
export function isSafeHttpUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_LINK_LENGTH) return false;
  if (PLAIN_HTTP_URL.test(url)) return true;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  return parsed.hostname !== '';
}
