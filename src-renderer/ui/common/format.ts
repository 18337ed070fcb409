// Values shown as text in the table and the history (never as HTML).
import {
  AUTHOR_KIND_LABELS, CATEGORY_LABELS, PLATFORM_LABELS, PRECISION_LABELS, PRIORITY_LABELS, STATUS_LABELS, type Lang,
} from '../../core/labels';
import type { FieldName } from '../../core/sighting';

const ENUMS: Partial<Record<FieldName, Record<string, { fr: string; en: string }>>> = {
  category: CATEGORY_LABELS,
  priority: PRIORITY_LABELS,
  status: STATUS_LABELS,
  platform: PLATFORM_LABELS,
  authorKind: AUTHOR_KIND_LABELS,
  precision: PRECISION_LABELS,
};

export function formatValue(field: FieldName, value: unknown, lang: Lang): string {
  if (value === undefined || value === null || value === '') return '—';
  const labels = ENUMS[field];
  if (labels && typeof value === 'string') return labels[value]?.[lang] ?? value;
  if (typeof value === 'boolean') return value ? (lang === 'fr' ? 'Oui' : 'Yes') : lang === 'fr' ? 'Non' : 'No';
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function formatTime(ms: number, lang: Lang, seconds = false): string {
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  if (seconds) return new Date(ms).toLocaleTimeString(locale);
  return new Date(ms).toLocaleString(locale, { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });
}
