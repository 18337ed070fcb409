// Likely personal data in text written for the public: what "Ce qui sera public" flags before a
// file goes out. A flag is a question to the publisher, not a verdict: the patterns favour catching
// (a missed phone number is worse than a needless look) while leaving alone what a crisis map
// normally says (emergency numbers, free service numbers, road numbers, postal codes, counts, dates).

export type PersonalDataKind = 'telephone' | 'email' | 'pseudo' | 'adresse' | 'plaque' | 'nom-age';

export const PERSONAL_DATA_LABELS: Record<PersonalDataKind, string> = {
  telephone: 'numéro de téléphone',
  email: 'adresse e-mail',
  pseudo: 'pseudonyme (@…)',
  adresse: 'adresse avec numéro',
  plaque: "plaque d'immatriculation",
  'nom-age': 'nom suivi d’un âge',
};

export interface PersonalDataFlag {
  kind: PersonalDataKind;
  /** The text that matched, as written. */
  match: string;
  index: number;
  /** French, for the review dialog. */
  message: string;
}

const U = 'A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒ';
const L = 'a-zàâäçéèêëîïôöùûüÿæœ';

// French numbers: 0X XX XX XX XX (X ≠ 8: 08 are service numbers, 0 800 free lines are published on
// purpose), +33 / 0033 / +590 … with or without (0), spaces, dots or dashes between pairs.
const PHONE = new RegExp(
  String.raw`(?<![\d+])(?:(?:\+|00)(?:33|262|269|508|590|594|596|687|689)[\s.-]?(?:\(0\)[\s.-]?)?[1-79](?:[\s.-]?\d{2}){4}|0[1-79](?:[\s.-]?\d{2}){4})(?!\d)`,
  'g',
);
const EMAIL = /[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/gi;
// @pseudo, not part of an e-mail address, two characters at least.
const HANDLE = /(?<![\w@.])@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}(?<!\.)/g;
const STREET_WORDS =
  'rue|avenue|av\\.|bd|boulevard|chemin|ch\\.|impasse|all[ée]e|place|route|rte|quai|cours|lotissement|r[ée]sidence|lieu-dit|passage|square|voie|faubourg|hameau|sentier|villa|cit[ée]|esplanade|promenade|mont[ée]e|rampe|parvis';
const ADDRESS = new RegExp(String.raw`(?<![\d,.])(?<!\b(?:R?[DN]|A|M|CD|VC)\s?)\d{1,4}\s?(?:bis|ter|quater|[a-d])?\s?,?\s+(?:${STREET_WORDS})(?![${L}\w])`, 'giu');
// Current plates (AB-123-CD: no I, O or U) and the older ones (1234 AB 82).
const PLATE_SIV = /(?<![A-Z0-9-])[A-HJ-NP-TV-Z]{2}[\s-]?\d{3}[\s-]?[A-HJ-NP-TV-Z]{2}(?![A-Z0-9-])/g;
const PLATE_FNI = /(?<![A-Z0-9-])\d{2,4}[\s-]?[A-HJ-NP-Z]{2,3}[\s-]?(?:0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6])(?![A-Z0-9-])/g;
// "Jean Dupont, 78 ans", "Mme Martin (82 ans)", "Lucas, âgé de 7 ans", "Jean-Pierre 45 ans".
const NAME_AGE = new RegExp(
  String.raw`(?:\b(?:M\.|Mme|Mlle|Monsieur|Madame|Mademoiselle)\s+)?([${U}][${L}'’-]+(?:[\s-]+[${U}][${L}'’-]+)*)\s*[,(]?\s*(?:âgée?s?\s+de\s+)?\d{1,3}\s*ans\b`,
  'gu',
);
// Capitalised words that start a sentence or describe someone without naming them.
const NOT_NAMES = new Set(
  'Une Un Le La Les Des Femme Homme Enfant Enfants Fille Garçon Bébé Personne Personnes Victime Victimes Habitant Habitante Riverain Riveraine Voisin Voisine Senior Retraité Retraitée Adolescent Adolescente Jeune Conducteur Conductrice Passager Passagère Piéton Piétonne Il Elle On Depuis Plus Moins Environ Près Pendant Madame Monsieur Mme Mlle M'.split(' '),
);

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    yield m;
    if (m[0] === '') re.lastIndex++;
  }
}

/** Every likely piece of personal data in `text`, in the order they appear. */
export function findPersonalData(text: string): PersonalDataFlag[] {
  const flags: PersonalDataFlag[] = [];
  const taken: [number, number][] = [];
  const add = (kind: PersonalDataKind, match: string, index: number) => {
    if (taken.some(([a, b]) => index < b && index + match.length > a)) return;
    taken.push([index, index + match.length]);
    flags.push({ kind, match, index, message: `${PERSONAL_DATA_LABELS[kind]} : « ${match} »` });
  };
  for (const m of matches(EMAIL, text)) add('email', m[0], m.index);
  for (const m of matches(PHONE, text)) add('telephone', m[0], m.index);
  for (const m of matches(HANDLE, text)) add('pseudo', m[0], m.index);
  for (const m of matches(ADDRESS, text)) add('adresse', m[0], m.index);
  for (const m of matches(PLATE_SIV, text)) add('plaque', m[0], m.index);
  for (const m of matches(PLATE_FNI, text)) add('plaque', m[0], m.index);
  for (const m of matches(NAME_AGE, text)) {
    const words = m[1]!.split(/[\s-]+/);
    const named = words.filter((w) => !NOT_NAMES.has(w));
    if (named.length === 0) continue;
    add('nom-age', m[0], m.index);
  }
  return flags.sort((a, b) => a.index - b.index);
}

/** Flags for each public field of an item (only fields with at least one flag). */
export function flagPublicFields(fields: { title: string; summary: string }): { field: 'title' | 'summary'; flags: PersonalDataFlag[] }[] {
  const out: { field: 'title' | 'summary'; flags: PersonalDataFlag[] }[] = [];
  for (const field of ['title', 'summary'] as const) {
    const flags = findPersonalData(fields[field]);
    if (flags.length) out.push({ field, flags });
  }
  return out;
}
