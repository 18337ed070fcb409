// Values shown as text in the table and the history (never as HTML).
import { VOCABULARY_LABELS, type Lang } from '../../core/labels';
import type { FieldName } from '../../core/sighting';

const ENUMS: Partial<Record<FieldName, Record<string, { fr: string; en: string }>>> = VOCABULARY_LABELS;

export function formatValue(field: FieldName, value: unknown, lang: Lang): string {
  if (value === undefined || value === null || value === '') return '—';
  const labels = ENUMS[field];
  if (labels && typeof value === 'string') return labels[value]?.[lang] ?? value;
  if (typeof value === 'boolean') return value ? (lang === 'fr' ? 'Oui' : 'Yes') : lang === 'fr' ? 'Non' : 'No';
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const INVALID_DATE = { fr: 'date invalide', en: 'invalid date' } as const;

/**
 * A Date for `ms`, or null when it is not a time at all: not a finite number, or outside what a Date
 * can hold (±8.64e15 ms; a peer can send 1e300). toLocaleString and toISOString throw "Invalid time
 * value" on such a Date, which would take the whole panel down.
 */
export function validDate(ms: unknown): Date | null {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date;
}

// One formatter per language and style: toLocaleString builds a new one on every call, which costs
// more than the rest of a table cell when scrolling 100,000 rows.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: Lang, seconds: boolean): Intl.DateTimeFormat {
  const key = `${lang}:${seconds}`;
  let f = formatters.get(key);
  if (!f) {
    const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
    f = seconds
      ? new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
      : new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });
    formatters.set(key, f);
  }
  return f;
}

export function formatTime(ms: number, lang: Lang, seconds = false): string {
  const date = validDate(ms);
  if (!date) return INVALID_DATE[lang];
  try {
    return formatter(lang, seconds).format(date);
  } catch {
    return INVALID_DATE[lang];
  }
}

/** For <time dateTime>: the ISO form, or undefined (no attribute) when `ms` is not a valid time. */
export function isoTime(ms: unknown): string | undefined {
  return validDate(ms)?.toISOString();
}
