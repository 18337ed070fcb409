// What an online tile address may look like, checked by the page before saving it and again by the
// desktop shell's main process before it fetches anything (src-main/basemaps.ts). Pure: no DOM, no
// Leaflet, so both sides share the one rule.

/** Shown in the settings as a suggestion; never used unless the user enables online tiles. */
export const SUGGESTED_TEMPLATE = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const SUGGESTED_ATTRIBUTION = '© les contributeurs d’OpenStreetMap';

export const MAX_TEMPLATE_LENGTH = 500;
export const MAX_ZOOM = 22;

/**
 * Why `template` can't be used, in French, or null when it can: https only (a tile server seen over
 * plain http would let anyone on the path change the map), no credentials in the address, the
 * server named in full (no placeholder, no odd character in the host: `https://10.{z}.{x}.{y}/t.png`
 * would show one host in the consent dialog and fetch 2^z others — a scan of the LAN), no fragment,
 * and the {z}, {x} and {y} placeholders each present exactly once, in the path or the query.
 */
export function templateProblem(template: unknown): string | null {
  if (typeof template !== 'string' || template.trim() === '') return 'Adresse vide.';
  if (template.length > MAX_TEMPLATE_LENGTH) return 'Adresse trop longue.';
  // The URL parser drops tabs and line breaks and reads "\\" as "/": what the user sees would not be
  // what is fetched.
  if (/[\s\u0000-\u001f\u007f\\]/.test(template)) return 'L’adresse ne doit contenir ni espace, ni caractère de contrôle, ni « \\ ».';
  for (const name of ['z', 'x', 'y']) {
    const count = template.split(`{${name}}`).length - 1;
    if (count !== 1) return `L’adresse doit contenir {${name}} une fois.`;
  }
  let url: URL;
  try {
    url = new URL(fillTemplate(template, 0, 0, 0));
  } catch {
    return 'Adresse invalide.';
  }
  if (url.protocol !== 'https:') return 'Seules les adresses https:// sont acceptées.';
  const authority = templateAuthority(template);
  if (authority === null) return 'Seules les adresses https:// sont acceptées.';
  if (/[{}]/.test(authority)) return 'Le nom du serveur doit être écrit en entier : {z}, {x}, {y} (ou {s}) ne sont permis que dans le chemin ou la requête.';
  if (url.username || url.password || authority.includes('@')) return 'L’adresse ne doit pas contenir d’identifiants.';
  if (template.includes('#')) return 'L’adresse ne doit pas contenir de fragment (#).';
  if (/[{}]/.test(template.replace(/\{[zxy]\}/g, ''))) return 'Seuls {z}, {x} et {y} sont reconnus dans l’adresse.';
  return null;
}

/** What sits between "https://" and the path, as typed; null when the address is not https://. */
function templateAuthority(template: string): string | null {
  const match = /^https:\/\/([^/?#]*)/i.exec(template);
  return match ? match[1] : null;
}

export function isValidTemplate(template: unknown): template is string {
  return templateProblem(template) === null;
}

export function isValidTile(z: unknown, x: unknown, y: unknown): boolean {
  if (!Number.isInteger(z) || !Number.isInteger(x) || !Number.isInteger(y)) return false;
  const zoom = z as number;
  if (zoom < 0 || zoom > MAX_ZOOM) return false;
  const size = 2 ** zoom;
  return (x as number) >= 0 && (x as number) < size && (y as number) >= 0 && (y as number) < size;
}

export function fillTemplate(template: string, z: number, x: number, y: number): string {
  return template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));
}

/** The host the tiles come from, for the consent message and the attribution fallback. */
export function templateHost(template: string): string {
  try {
    return new URL(fillTemplate(template, 0, 0, 0)).host;
  } catch {
    return '';
  }
}

/**
 * The address of one tile, checked again right before it is fetched: a valid template, https, and
 * exactly the host shown when the user approved it (templateHost). Throws a French message otherwise.
 */
export function tileUrl(template: string, z: number, x: number, y: number): string {
  const problem = templateProblem(template);
  if (problem) throw new Error(`Adresse de tuiles refusée : ${problem}`);
  if (!isValidTile(z, x, y)) throw new Error('Tuile hors de la grille.');
  const url = new URL(fillTemplate(template, z, x, y));
  if (url.protocol !== 'https:' || url.host !== templateHost(template)) {
    throw new Error('Tuile refusée : son serveur n’est pas celui qui a été autorisé.');
  }
  return url.href;
}
