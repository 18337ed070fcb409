// The words of duplicates and of the capture form's save rule, French first. Kept beside their
// components (not in i18n/fr.ts, edited by many at once), as ui/import/strings.ts does.
import { useLang } from '../../i18n';

const fr = {
  warningRegion: 'Doublons possibles',
  warning: 'Doublon possible : {{count}} remontée(s) semblable(s). Vous pouvez quand même enregistrer.',
  indexing: 'Recherche des doublons en préparation…',
  showMore: 'Voir le détail',
  open: 'Ouvrir cette remontée',
  untitled: '(sans texte)',
  duplicateOf: 'Doublon de',
  missingOriginal: 'une remontée pas encore reçue sur cette copie',
  linked: 'Sources liées ({{count}})',
  find: 'Chercher les doublons',
  hide: 'Masquer la recherche',
  relink: 'Changer l’originale',
  pickerRegion: 'Lier à l’originale',
  search: 'Chercher l’originale (texte, lien, commune)',
  options: 'Remontées proposées',
  candidates: 'Doublons probables',
  results: 'Autres remontées',
  none: 'Aucune remontée semblable trouvée.',
  noMatch: 'Aucune remontée ne correspond.',
  chosen: 'Originale choisie : « {{text}} »',
  choose: 'Choisissez d’abord l’originale dans la liste.',
  link: 'Lier comme doublon',
  linkedDone: 'Liée comme doublon de « {{text}} ».',
  unlink: 'Ce n’est pas un doublon',
  unlinked: 'Lien de doublon retiré.',
  notAllowed: 'Impossible depuis « {{status}} » : repassez d’abord la remontée « En vérification ».',
  empty: 'Rien à enregistrer : collez un lien ou un texte.',
};
type Strings = typeof fr;

const en: Strings = {
  warningRegion: 'Possible duplicates',
  warning: 'Possible duplicate: {{count}} similar sighting(s). You can still save.',
  indexing: 'Duplicate search getting ready…',
  showMore: 'Show details',
  open: 'Open this sighting',
  untitled: '(no text)',
  duplicateOf: 'Duplicate of',
  missingOriginal: 'a sighting not yet received on this copy',
  linked: 'Linked sources ({{count}})',
  find: 'Find duplicates',
  hide: 'Hide the search',
  relink: 'Change the original',
  pickerRegion: 'Link to the original',
  search: 'Find the original (text, link, commune)',
  options: 'Proposed sightings',
  candidates: 'Likely duplicates',
  results: 'Other sightings',
  none: 'No similar sighting found.',
  noMatch: 'No sighting matches.',
  chosen: 'Original chosen: “{{text}}”',
  choose: 'First choose the original in the list.',
  link: 'Link as duplicate',
  linkedDone: 'Linked as a duplicate of “{{text}}”.',
  unlink: 'Not a duplicate',
  unlinked: 'Duplicate link removed.',
  notAllowed: 'Not possible from “{{status}}”: first move the sighting back to “Being verified”.',
  empty: 'Nothing to save: paste a link or a text.',
};

export type DuplicateText = (key: keyof Strings, vars?: Record<string, string | number>) => string;

export function useDuplicateText(): DuplicateText {
  const strings = useLang() === 'en' ? en : fr;
  return (key, vars) => strings[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars?.[name] ?? ''));
}

/** A sighting named by its text, for a list or a link: never its raw id. */
export function shortText(text: string, max = 90): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
