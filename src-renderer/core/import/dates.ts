// Dates as French spreadsheets hold them: "12/03/2026 14:30", "12/03/26", "12-03-2026 14h30", "12 mars 2026",
// ISO 8601 ("2026-03-12T14:30:00+01:00"). Always day before month. A time without a zone is the crisis's
// local time (Europe/Paris, or the overseas département's zone), as the team wrote it.

export type DateResult = { ok: true; iso: string } | { ok: false; reason: string };

const MONTHS: Record<string, number> = {
  janvier: 1, janv: 1, jan: 1, fevrier: 2, fevr: 2, fev: 2, mars: 3, mar: 3, avril: 4, avr: 4, mai: 5, juin: 6, juillet: 7, juil: 7,
  aout: 8, septembre: 9, sept: 9, sep: 9, octobre: 10, oct: 10, novembre: 11, nov: 11, decembre: 12, dec: 12,
  january: 1, february: 2, feb: 2, march: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7, august: 8, aug: 8, september: 9, october: 10, november: 11, december: 12,
};

/** The IANA zone of a département: overseas ones have their own, the rest of France is Europe/Paris. */
export function zoneOfDepartement(departement: string | undefined): string {
  switch (departement) {
    case '971':
      return 'America/Guadeloupe';
    case '972':
      return 'America/Martinique';
    case '973':
      return 'America/Cayenne';
    case '974':
      return 'Indian/Reunion';
    case '975':
      return 'America/Miquelon';
    case '976':
      return 'Indian/Mayotte';
    case '977':
      return 'America/St_Barthelemy';
    case '978':
      return 'America/Marigot';
    case '986':
      return 'Pacific/Wallis';
    case '987':
      return 'Pacific/Tahiti';
    case '988':
      return 'Pacific/Noumea';
    default:
      return 'Europe/Paris';
  }
}

const TIME = String.raw`(\d{1,2})\s*(?:[:h]\s*(\d{2})?(?:\s*[:m]\s*(\d{2})(?:[.,]\d+)?)?|\s*h)`;
/** Between a date and its time: spaces, a comma, "T", "à" (accents are gone by then: "a"). */
const SEP = String.raw`(?:\s*,\s*|\s*t\s*|\s+a\s+|\s+)`;
const FR_NUMERIC = new RegExp(String.raw`^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:${SEP}${TIME})?$`, 'i');
const FR_WORDS = new RegExp(String.raw`^(?:[a-z]+\.?\s+)?(\d{1,2})(?:er)?\s+([a-z]+)\.?\s+(\d{4})(?:${SEP}${TIME})?$`, 'i');
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const TIME_ONLY = new RegExp(String.raw`^${TIME}$`, 'i');

/**
 * Reads a date (and optional time, or a separate time cell) into an ISO string (UTC). A date without a
 * time is taken at 00:00 local time. Two-digit years are 20yy.
 */
export function parseFrenchDate(value: string, zone = 'Europe/Paris', timeCell = ''): DateResult {
  const raw = value.trim();
  if (!raw) return { ok: true, iso: '' };
  const text = raw.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, ' ').toLowerCase();
  let y: number, mo: number, d: number;
  let h = 0, mi = 0, s = 0;
  let hasTime = false;
  let offsetMinutes: number | undefined;
  let m: RegExpMatchArray | null;
  if ((m = text.match(ISO))) {
    [y, mo, d] = [+m[1], +m[2], +m[3]];
    if (m[4] !== undefined) [h, mi, s, hasTime] = [+m[4], +m[5], +(m[6] ?? 0), true];
    if (m[7]) offsetMinutes = m[7].toLowerCase() === 'z' ? 0 : zoneOffset(m[7]);
  } else if ((m = text.match(FR_NUMERIC))) {
    [d, mo, y] = [+m[1], +m[2], m[3].length === 2 ? 2000 + +m[3] : +m[3]];
    if (m[4] !== undefined) [h, mi, s, hasTime] = [+m[4], +(m[5] ?? 0), +(m[6] ?? 0), true];
    if (mo > 12 && d <= 12)
      return { ok: false, reason: `date « ${raw} » : mois ${mo} impossible (Vigie lit jour/mois/année, ici le mois semble en premier)` };
  } else if ((m = text.match(FR_WORDS)) && MONTHS[m[2].replace(/\.$/, '')]) {
    [d, mo, y] = [+m[1], MONTHS[m[2].replace(/\.$/, '')], +m[3]];
    if (m[4] !== undefined) [h, mi, s, hasTime] = [+m[4], +(m[5] ?? 0), +(m[6] ?? 0), true];
  } else return { ok: false, reason: `date « ${raw} » illisible (attendu jj/mm/aaaa hh:mm, jj/mm/aa ou aaaa-mm-jj)` };

  const t = timeCell.trim().toLowerCase();
  if (t) {
    if (hasTime) return { ok: false, reason: `date « ${raw} » et heure « ${timeCell.trim()} » : l’heure est donnée deux fois` };
    const tm = t.match(TIME_ONLY);
    if (!tm) return { ok: false, reason: `heure « ${timeCell.trim()} » illisible (attendu hh:mm)` };
    [h, mi, s] = [+tm[1], +(tm[2] ?? 0), +(tm[3] ?? 0)];
  }
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || y < 1900 || y > 2200)
    return { ok: false, reason: `date « ${raw} » impossible` };
  if (h > 23 || mi > 59 || s > 59) return { ok: false, reason: `heure impossible dans « ${[raw, timeCell.trim()].filter(Boolean).join(' ')} »` };
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const ms = offsetMinutes !== undefined ? wall - offsetMinutes * 60_000 : localToUtc(wall, zone);
  return { ok: true, iso: new Date(ms).toISOString() };
}

function daysIn(y: number, mo: number): number {
  return new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function zoneOffset(text: string): number {
  const m = text.match(/^([+-])(\d{2}):?(\d{2})$/)!;
  return (m[1] === '-' ? -1 : 1) * (+m[2] * 60 + +m[3]);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

/** The zone's offset (ms) at an instant; cached by hour. */
function offsetAt(ms: number, zone: string): number {
  const key = zone + Math.floor(ms / 3_600_000);
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = +part.value;
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  const offset = asUtc - Math.floor(ms / 1000) * 1000;
  if (offsets.size > 20_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** A wall-clock time in `zone` (given as if it were UTC) → the real UTC instant. */
export function localToUtc(wall: number, zone: string): number {
  const first = wall - offsetAt(wall, zone);
  const second = wall - offsetAt(first, zone);
  return second;
}
