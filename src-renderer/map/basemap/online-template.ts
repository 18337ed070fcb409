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
 * plain http would let anyone on the path change the map), no credentials in the address, and the
 * {z}, {x} and {y} placeholders each present exactly once, in the path or the query.
 */
export function templateProblem(template: unknown): string | null {
  if (typeof template !== 'string' || template.trim() === '') return 'Adresse vide.';
  if (template.length > MAX_TEMPLATE_LENGTH) return 'Adresse trop longue.';
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
  if (url.username || url.password) return 'L’adresse ne doit pas contenir d’identifiants.';
  if (/[{}]/.test(template.replace(/\{[zxy]\}/g, ''))) return 'Seuls {z}, {x} et {y} sont reconnus dans l’adresse.';
  return null;
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
