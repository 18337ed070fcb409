// Links come from the internet and from any peer: only plain http(s) links to a named host are
// ever opened, so "javascript:", "file:", "data:" or credential-bearing links never reach a browser.
export function isSafeHttpUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username || url.password) return false;
  return url.hostname.length > 0;
}
