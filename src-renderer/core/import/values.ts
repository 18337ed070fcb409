// Free-text vocabularies mapped to the taxonomy: "Urgence vitale" → P1, "Fake" → dementi, "Route coupée" →
// routes. Guessed from the labels of core/labels.ts and the words teams use, then confirmed by the user
// in a table (one line per distinct value); the confirmed table is what the import applies.
import { VOCABULARY_LABELS } from '../labels';
import { normalise } from '../search';
import { AUTHOR_KINDS, CATEGORIES, PLATFORMS, PRECISIONS, PRIORITIES, STATUSES, type AuthorKind, type Category, type Platform, type Precision, type Priority, type Status } from '../taxonomy';
import type { EnumTarget } from './columns';

export interface EnumValues {
  category: Category;
  priority: Priority;
  status: Status;
  platform: Platform;
  authorKind: AuthorKind;
  precision: Precision;
}

export const ENUM_KEYS: { [K in EnumTarget]: readonly EnumValues[K][] } = {
  category: CATEGORIES,
  priority: PRIORITIES,
  // "doublon" needs the sighting it doubles, which a spreadsheet does not name in Vigie's terms.
  status: STATUSES.filter((s) => s !== 'doublon'),
  platform: PLATFORMS,
  authorKind: AUTHOR_KINDS,
  precision: PRECISIONS,
};

export const ENUM_LABELS: { [K in EnumTarget]: Record<EnumValues[K], { fr: string; en: string }> } = VOCABULARY_LABELS;

/** What an empty cell becomes (the sighting's defaults). */
export const ENUM_DEFAULTS: EnumValues = { category: 'autre', priority: 'P3', status: 'nouveau', platform: 'web', authorKind: 'inconnu', precision: 'inconnue' };

/** Words (normalised) that mean a value, tried in this order; a value matches when it contains the words. */
const WORDS: { [K in EnumTarget]: [string, EnumValues[K]][] } = {
  category: [
    ['rumeur', 'rumeur'], ['fake', 'rumeur'], ['intox', 'rumeur'], ['desinformation', 'rumeur'], ['infox', 'rumeur'], ['hoax', 'rumeur'], ['rumour', 'rumeur'], ['rumor', 'rumeur'], ['misinformation', 'rumeur'],
    ['disparu', 'disparus'], ['retrouve', 'disparus'], ['recherche de personne', 'disparus'], ['missing', 'disparus'],
    ['victime', 'victimes'], ['blesse', 'victimes'], ['deces', 'victimes'], ['decede', 'victimes'], ['mort', 'victimes'], ['casualt', 'victimes'], ['injur', 'victimes'],
    ['secours', 'secours'], ['sauvetage', 'secours'], ['en danger', 'secours'], ['sos', 'secours'], ['detresse', 'secours'], ['appel a l aide', 'secours'], ['bloque', 'secours'], ['isole', 'secours'], ['rescue', 'secours'],
    ['evacuation', 'evacuation'], ['hebergement', 'evacuation'], ['evacue', 'evacuation'], ['relogement', 'evacuation'], ['shelter', 'evacuation'], ['gymnase', 'evacuation'],
    ['route', 'routes'], ['transport', 'routes'], ['circulation', 'routes'], ['trafic', 'routes'], ['pont', 'routes'], ['train', 'routes'], ['sncf', 'routes'], ['autoroute', 'routes'], ['voirie', 'routes'], ['road', 'routes'],
    ['electricite', 'reseaux'], ['courant', 'reseaux'], ['enedis', 'reseaux'], ['edf', 'reseaux'], ['eau potable', 'reseaux'], ['telecom', 'reseaux'], ['telephon', 'reseaux'], ['internet', 'reseaux'], ['reseau', 'reseaux'], ['gaz', 'reseaux'], ['power', 'reseaux'], ['utilit', 'reseaux'],
    ['degat', 'degats'], ['dommage', 'degats'], ['batiment', 'degats'], ['toiture', 'degats'], ['effondrement', 'degats'], ['damage', 'degats'], ['maison', 'degats'],
    ['solidarite', 'solidarite'], ['entraide', 'solidarite'], ['don', 'solidarite'], ['dons', 'solidarite'], ['benevol', 'solidarite'], ['collecte', 'solidarite'], ['besoin', 'solidarite'], ['offre', 'solidarite'], ['donation', 'solidarite'], ['volunteer', 'solidarite'],
    ['consigne', 'consignes'], ['officiel', 'consignes'], ['prefecture', 'consignes'], ['alerte', 'consignes'], ['vigilance', 'consignes'], ['instruction', 'consignes'], ['official', 'consignes'],
    ['media', 'medias'], ['presse', 'medias'], ['journal', 'medias'], ['tv', 'medias'], ['radio', 'medias'], ['article', 'medias'],
    ['alea', 'alea'], ['hauteur d eau', 'alea'], ['crue', 'alea'], ['inondation', 'alea'], ['inonde', 'alea'], ['montee des eaux', 'alea'], ['vent', 'alea'], ['feu', 'alea'], ['incendie', 'alea'], ['fumee', 'alea'], ['seisme', 'alea'], ['grele', 'alea'], ['neige', 'alea'], ['observation', 'alea'], ['meteo', 'alea'], ['flood', 'alea'], ['hazard', 'alea'],
    ['autre', 'autre'], ['divers', 'autre'], ['other', 'autre'],
  ],
  priority: [
    ['vitale', 'P1'], ['absolue', 'P1'], ['tres urgent', 'P1'], ['critique', 'P1'], ['vie en danger', 'P1'], ['immediat', 'P1'], ['critical', 'P1'], ['p1', 'P1'],
    ['urgent', 'P2'], ['haute', 'P2'], ['elevee', 'P2'], ['high', 'P2'], ['p2', 'P2'],
    ['importan', 'P3'], ['moyen', 'P3'], ['normal', 'P3'], ['medium', 'P3'], ['p3', 'P3'],
    ['info', 'P4'], ['basse', 'P4'], ['faible', 'P4'], ['low', 'P4'], ['mineur', 'P4'], ['p4', 'P4'],
  ],
  status: [
    ['doublon', 'archive'], ['duplicate', 'archive'], ['archiv', 'archive'], ['supprim', 'archive'], ['non pertinent', 'archive'], ['hors sujet', 'archive'],
    ['a traiter', 'nouveau'], ['non traite', 'nouveau'],
    ['dementi', 'dementi'], ['faux', 'dementi'], ['fake', 'dementi'], ['infirme', 'dementi'], ['rumeur', 'dementi'], ['intox', 'dementi'], ['false', 'dementi'], ['denied', 'dementi'], ['debunk', 'dementi'],
    ['non verifie', 'en_verification'], ['a verifier', 'en_verification'], ['en verification', 'en_verification'], ['en cours', 'en_verification'], ['verification', 'en_verification'], ['checking', 'en_verification'], ['pending', 'en_verification'],
    ['transmis', 'transmis'], ['remonte', 'transmis'], ['envoye', 'transmis'], ['cod', 'transmis'], ['forwarded', 'transmis'], ['sent', 'transmis'],
    ['traite', 'traite'], ['clos', 'traite'], ['cloture', 'traite'], ['termine', 'traite'], ['ferme', 'traite'], ['resolu', 'traite'], ['fait', 'traite'], ['done', 'traite'], ['handled', 'traite'], ['closed', 'traite'],
    ['confirme', 'confirme'], ['verifie', 'confirme'], ['vrai', 'confirme'], ['valide', 'confirme'], ['ok', 'confirme'], ['averee', 'confirme'], ['avere', 'confirme'], ['confirmed', 'confirme'], ['verified', 'confirme'], ['true', 'confirme'],
    ['nouveau', 'nouveau'], ['nouvelle', 'nouveau'], ['new', 'nouveau'], ['open', 'nouveau'], ['ouvert', 'nouveau'],
  ],
  platform: [
    ['twitter', 'x'], ['tweet', 'x'], ['facebook', 'facebook'], ['fb', 'facebook'], ['instagram', 'instagram'], ['insta', 'instagram'], ['ig', 'instagram'], ['youtube', 'youtube'], ['yt', 'youtube'],
    ['tiktok', 'tiktok'], ['tik tok', 'tiktok'], ['snapchat', 'snapchat'], ['snap', 'snapchat'], ['mastodon', 'mastodon'], ['bluesky', 'bluesky'], ['bsky', 'bluesky'], ['telegram', 'telegram'], ['whatsapp', 'whatsapp'],
    ['appel', 'appel'], ['telephone', 'appel'], ['phone', 'appel'], ['terrain', 'terrain'], ['field', 'terrain'], ['site', 'web'], ['web', 'web'], ['presse', 'web'], ['autre', 'autre'], ['other', 'autre'],
  ],
  authorKind: [
    ['citoyen', 'citoyen'], ['particulier', 'citoyen'], ['habitant', 'citoyen'], ['temoin', 'citoyen'], ['citizen', 'citoyen'], ['individu', 'citoyen'],
    ['media', 'media'], ['presse', 'media'], ['journal', 'media'], ['journaliste', 'media'],
    ['officiel', 'officiel'], ['prefecture', 'officiel'], ['mairie', 'officiel'], ['sdis', 'officiel'], ['gendarmerie', 'officiel'], ['police', 'officiel'], ['institution', 'officiel'], ['collectivite', 'officiel'], ['official', 'officiel'],
    ['association', 'association'], ['asso', 'association'], ['ong', 'association'], ['ngo', 'association'],
    ['inconnu', 'inconnu'], ['unknown', 'inconnu'],
  ],
  precision: [
    ['exact', 'exacte'], ['gps', 'exacte'], ['precis', 'exacte'], ['rue', 'rue'], ['adresse', 'rue'], ['street', 'rue'], ['commune', 'commune'], ['ville', 'commune'], ['town', 'commune'], ['municipal', 'commune'],
    ['departement', 'departement'], ['inconnu', 'inconnue'], ['unknown', 'inconnue'],
  ],
};

/** A cell's value as compared: normalised, punctuation as spaces. */
export function valueKey(raw: string): string {
  // A vocabulary column holds a few distinct values over many rows: remembered (bounded).
  const known = keys.get(raw);
  if (known !== undefined) return known;
  const key = normalise(raw).replace(/[^a-z0-9]+/g, ' ').trim();
  if (keys.size > 10_000) keys.clear();
  keys.set(raw, key);
  return key;
}
const keys = new Map<string, string>();

const cache = new Map<string, unknown>();

/** The taxonomy value a free-text cell most likely means, or undefined when nothing fits. */
export function guessValue<K extends EnumTarget>(target: K, raw: string): EnumValues[K] | undefined {
  const key = valueKey(raw);
  if (!key) return undefined;
  const ck = target + '\u0000' + key;
  if (cache.has(ck)) return cache.get(ck) as EnumValues[K] | undefined;
  const found = guess(target, key);
  if (cache.size > 5000) cache.clear();
  cache.set(ck, found);
  return found;
}

function guess<K extends EnumTarget>(target: K, key: string): EnumValues[K] | undefined {
  const keys = ENUM_KEYS[target] as readonly string[];
  const labels = ENUM_LABELS[target] as Record<string, { fr: string; en: string }>;
  // The id itself ("P1", "secours", "en_verification"), or a label, whole or before its "(", "/" or "—".
  for (const k of keys) if (valueKey(k) === key) return k as EnumValues[K];
  if (target === 'priority') {
    const digit = key.match(/^(?:p|priorite|niveau)?\s*([1-4])$/);
    if (digit) return `P${digit[1]}` as EnumValues[K];
  }
  for (const k of keys) {
    const l = labels[k];
    for (const label of [l.fr, l.en]) {
      const whole = valueKey(label);
      const head = valueKey(label.split(/[(/—]/)[0]);
      if (key === whole || key === head) return k as EnumValues[K];
    }
  }
  const spaced = ` ${key} `;
  for (const [word, value] of WORDS[target]) {
    // Short words ("ig", "fb", "ok", "tv", "don") only as whole words; longer ones also as word starts.
    if (word.length <= 3 ? spaced.includes(` ${word} `) : spaced.includes(` ${word}`)) return value as EnumValues[K];
  }
  return undefined;
}

/** "oui", "x", "1", "true", "public" → true; "non", "", "0", "false", "privé" → false; undefined when unclear. */
export function parseBoolean(raw: string): boolean | undefined {
  const key = valueKey(raw);
  if (['oui', 'o', 'x', '1', 'vrai', 'true', 'yes', 'y', 'public', 'publique', 'publie', 'diffusable'].includes(key)) return true;
  if (['', 'non', 'n', '0', 'faux', 'false', 'no', 'prive', 'privee', 'interne', 'restreint'].includes(key)) return false;
  return undefined;
}
