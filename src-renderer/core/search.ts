// Accent- and case-insensitive matching: "st etienne" finds "Saint-Étienne", "creche" finds "Crèche",
// "oeuilly" finds "Œuilly".
export function normalise(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/\bst\b/g, 'saint')
    .replace(/\bste\b/g, 'sainte')
    .replace(/[-'’_]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when every word of the query appears in the haystack (already normalised). */
export function matchesWords(haystack: string, query: string): boolean {
  const words = normalise(query).split(' ').filter(Boolean);
  return words.every((w) => haystack.includes(w));
}
