// Times in exports: the crisis's own time zone (Europe/Paris, or the overseas département's), written
// as a French reader expects (dd/mm/yyyy HH:MM).

/** IANA zone of the overseas départements; every other département (and an unknown code) is Europe/Paris. */
const OVERSEAS_ZONES: Record<string, string> = {
  '971': 'America/Guadeloupe',
  '972': 'America/Martinique',
  '973': 'America/Cayenne',
  '974': 'Indian/Reunion',
  '976': 'Indian/Mayotte',
};

export function timeZoneOf(departement: string): string {
  return OVERSEAS_ZONES[departement] ?? 'Europe/Paris';
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('fr-FR', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** "23/11/2026 09:05" in `timeZone`; '' for no date or an invalid one. */
export function frenchDateTime(time: number | string | null | undefined, timeZone: string): string {
  if (time === '' || time === null || time === undefined) return '';
  const ms = typeof time === 'number' ? time : Date.parse(time);
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return '';
  // Exports format thousands of times that share a minute: Intl's formatToParts is the slow part.
  const key = `${timeZone}|${Math.floor(ms / 60_000)}`;
  const known = minuteCache.get(key);
  if (known !== undefined) return known;
  if (minuteCache.size > 50_000) minuteCache.clear();
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) parts[p.type] = p.value;
  const text = `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
  minuteCache.set(key, text);
  return text;
}
const minuteCache = new Map<string, string>();

/** "23/11/2026 à 09:05 (heure de Paris)", for "mis à jour le …". */
export function frenchUpdatedAt(ms: number, timeZone: string): string {
  const [date, time] = frenchDateTime(ms, timeZone).split(' ');
  const where = timeZone === 'Europe/Paris' ? 'heure de Paris' : `heure locale, ${timeZone}`;
  return `${date} à ${time} (${where})`;
}
