// Why a sighting is a likely duplicate, in the volunteer's words: "même lien · texte presque
// identique (92 %) · même commune, 20 min d'écart".
import type { Candidate, Reason } from './duplicates';

type Lang = 'fr' | 'en';

/** From this similarity a text is "presque identique" (else "proche"). */
const NEAR_IDENTICAL = 0.85;

function gap(minutes: number, lang: Lang): string {
  if (minutes < 1) return lang === 'fr' ? "moins d'une minute d'écart" : 'less than a minute apart';
  const text = minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${String(minutes % 60).padStart(2, '0')}` : ''}`;
  return lang === 'fr' ? `${text} d'écart` : `${text} apart`;
}

function distance(meters: number, lang: Lang): string {
  const m = meters < 50 ? (lang === 'fr' ? 'au même endroit' : 'same spot') : `${Math.round(meters / 50) * 50} m`;
  return meters < 50 ? m : lang === 'fr' ? `à ${m}` : `${m} away`;
}

export function reasonText(r: Reason, lang: Lang): string {
  switch (r.kind) {
    case 'link':
      return lang === 'fr' ? 'même lien' : 'same link';
    case 'text': {
      const pct = Math.round(r.similarity * 100);
      if (r.similarity >= NEAR_IDENTICAL) return lang === 'fr' ? `texte presque identique (${pct} %)` : `near-identical text (${pct}%)`;
      return lang === 'fr' ? `texte proche (${pct} %)` : `similar text (${pct}%)`;
    }
    case 'place': {
      const where = r.meters !== null ? distance(r.meters, lang) : lang === 'fr' ? 'même commune' : 'same commune';
      return `${where}, ${gap(r.minutes, lang)}`;
    }
  }
}

export function candidateText(c: Pick<Candidate, 'reasons'>, lang: Lang): string {
  return c.reasons.map((r) => reasonText(r, lang)).join(' · ');
}
