// Realistic sightings for the bench: what a flood in Tarn-et-Garonne looks like in the table.
// Seeded, so the raw-Dexie baseline and the store receive exactly the same rows in every run.
import { DEFAULT_FIELDS, type Sighting, type SightingFields } from '../../src-renderer/core/sighting';
import { editBody } from '../../src-renderer/core/changes';
import { TRANSITIONS, type AuthorKind, type Category, type Platform, type Priority, type Status } from '../../src-renderer/core/taxonomy';

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// [INSEE, name, lat, lon]: the largest communes of the 82 (codes from the COG).
const COMMUNES: [string, string, number, number][] = [
  ['82121', 'Montauban', 44.0176, 1.355],
  ['82033', 'Castelsarrasin', 44.0398, 1.107],
  ['82112', 'Moissac', 44.1049, 1.0853],
  ['82037', 'Caussade', 44.1617, 1.5375],
  ['82125', 'Montech', 43.9575, 1.2317],
  ['82134', 'Nègrepelisse', 44.0744, 1.5211],
  ['82186', 'Valence', 44.1081, 0.8917],
  ['82190', 'Verdun-sur-Garonne', 43.8544, 1.2339],
  ['82075', 'Grisolles', 43.8286, 1.2967],
  ['82013', 'Beaumont-de-Lomagne', 43.8825, 0.9878],
  ['82079', 'Labastide-Saint-Pierre', 43.9186, 1.3653],
  ['82155', 'Saint-Antonin-Noble-Val', 44.1517, 1.7564],
];
const PLACES = ['rue de la République', 'quai de Verdun', 'avenue de Toulouse', 'pont Vieux', 'chemin de halage', 'place Nationale', 'route de Moissac', 'lotissement Les Saules', 'rond-point de la gare', 'école Jean-Jaurès'];
const OPENINGS = ['Ça monte très vite', "L'eau arrive dans les maisons", 'Route complètement coupée', 'Plus de courant depuis une heure', 'Des voisins sont bloqués à l’étage', 'Impressionnant ce matin', 'Les pompiers viennent de passer', 'On nous demande d’évacuer'];
const DETAILS = [
  'le Tarn est sorti de son lit et la cave est déjà inondée, on a mis les meubles en hauteur',
  'une voiture est restée coincée sous le pont, le conducteur a pu sortir mais attention en passant',
  'deux personnes âgées attendent sur le balcon, quelqu’un peut prévenir les secours ? le 112 ne répond pas',
  'la mairie ouvre le gymnase pour accueillir les familles évacuées, apportez des couvertures si possible',
  'hauteur d’eau environ 80 cm devant la boulangerie, le courant est fort, ne tentez pas de traverser',
  'les arbres sont tombés sur la ligne électrique, Enedis prévenu mais pas d’estimation pour le retour',
];
const TAGS = ['#inondation', '#Montauban', '#TarnEtGaronne', '#crue', '#vigilancerouge', '#Tarn', '#Garonne'];
const FIRST = ['marie', 'julien', 'sophie', 'karim', 'lea', 'thomas', 'ines', 'pierre', 'camille', 'nicolas'];
const LINKS: [Platform, (h: string, id: string) => string][] = [
  ['x', (h, id) => `https://x.com/${h}/status/18${id}`],
  ['facebook', (h, id) => `https://www.facebook.com/${h}/posts/pfbid0${id}`],
  ['instagram', (h, id) => `https://www.instagram.com/${h}/p/C${id.slice(0, 10)}/`],
  ['mastodon', (h, id) => `https://piaille.fr/@${h}/11${id}`],
  ['bluesky', (h, id) => `https://bsky.app/profile/${h}.bsky.social/post/3k${id.slice(0, 11)}`],
  ['tiktok', (h, id) => `https://www.tiktok.com/@${h}/video/73${id}`],
];
const CATEGORIES: Category[] = ['secours', 'degats', 'routes', 'reseaux', 'alea', 'alea', 'evacuation', 'solidarite', 'consignes', 'rumeur', 'medias', 'autre'];
const PRIORITIES: Priority[] = ['P1', 'P2', 'P2', 'P3', 'P3', 'P3', 'P4', 'P4'];
const STATUSES: Status[] = ['nouveau', 'nouveau', 'nouveau', 'en_verification', 'confirme', 'confirme', 'dementi', 'transmis', 'traite'];
const KINDS: AuthorKind[] = ['citoyen', 'citoyen', 'citoyen', 'media', 'officiel', 'association'];

/** The inputs a volunteer (or an import) would give createMany. */
export function makeInputs(n: number, seed = 82): Partial<SightingFields>[] {
  const r = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)];
  const digits = (k: number) => Array.from({ length: k }, () => Math.floor(r() * 10)).join('');
  const t0 = Date.parse('2026-10-17T04:00:00Z');
  const out: Partial<SightingFields>[] = [];
  for (let i = 0; i < n; i++) {
    const [insee, commune, lat, lon] = pick(COMMUNES);
    const place = `${pick(PLACES)}, ${commune}`;
    const handle = `${pick(FIRST)}_${digits(3)}`;
    const [platform, link] = pick(LINKS);
    const status = pick(STATUSES);
    const isPublic = status === 'confirme' && r() < 0.5;
    const text = `${pick(OPENINGS)} ${place} : ${pick(DETAILS)}. ${pick(DETAILS)}. ${pick(TAGS)} ${pick(TAGS)}`.slice(0, 200 + Math.floor(r() * 100));
    out.push({
      platform,
      url: link(handle, digits(17)),
      authorHandle: '@' + handle,
      authorKind: pick(KINDS),
      postedAt: new Date(t0 + i * 1300 + Math.floor(r() * 60_000)).toISOString(),
      text,
      mediaUrls: r() < 0.4 ? [`https://pbs.example.org/media/${digits(12)}.jpg`] : [],
      placeText: place,
      communeInsee: insee,
      communeName: commune,
      departement: '82',
      lat: Math.round((lat + (r() - 0.5) * 0.04) * 1e5) / 1e5,
      lon: Math.round((lon + (r() - 0.5) * 0.04) * 1e5) / 1e5,
      precision: r() < 0.6 ? 'rue' : 'commune',
      category: pick(CATEGORIES),
      priority: pick(PRIORITIES),
      status,
      assignee: status === 'en_verification' ? pick(FIRST) : '',
      verificationNotes: status === 'dementi' ? 'Photo de 2018 (recherche inversée), démentie par la préfecture.' : '',
      isPublic,
      publicTitle: isPublic ? `Eau sur la chaussée, ${commune}` : '',
      publicSummary: isPublic ? `Chaussée inondée signalée ${place}. Évitez le secteur.` : '',
    });
  }
  return out;
}

/** The same sightings as the rows the store materialises (what a plain table would hold). */
export function toRows(inputs: Partial<SightingFields>[], actor: string, t: number): Sighting[] {
  return inputs.map((f, i) => ({ ...DEFAULT_FIELDS, ...f, id: `r${i.toString(36).padStart(15, '0')}`, createdAt: t, createdBy: actor, updatedAt: t, updatedBy: actor }));
}

const NOTES = [
  'Vu sur deux autres comptes, même photo',
  'Recherche inversée : photo récente, lieu cohérent',
  'Appel au 112 confirmé par le CTA',
  'Mairie contactée, pas de réponse',
  'Doublon probable avec une remontée de 6 h',
  'Vidéo géolocalisée avec Street View',
];

/**
 * The edits a crisis gathers (issue #12's "100k + history"): `perRow` rounds over every sighting,
 * each edit by one of the editors (index), as the detail panel writes them (editBody: only what
 * changes, with the values seen before): a status move allowed from where the row stands (no
 * "doublon", which needs its duplicate), a priority, verification notes (appended), an assignee.
 * Seeded; yielded in slices of `slice` edits.
 */
export function* makeEdits(rows: readonly Sighting[], perRow: number, slice: number, seed = 12): Generator<{ editor: number; body: NonNullable<ReturnType<typeof editBody>> }[]> {
  const r = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const current = rows.map((row) => ({ ...row }));
  let out: { editor: number; body: NonNullable<ReturnType<typeof editBody>> }[] = [];
  for (let round = 0; round < perRow; round++) {
    for (const row of current) {
      const kind = r();
      let patch: Partial<SightingFields>;
      if (kind < 0.4) {
        const to = pick(TRANSITIONS[row.status].filter((s) => s !== 'doublon'));
        patch = { status: to };
      } else if (kind < 0.65) patch = { priority: pick(PRIORITIES.filter((p) => p !== row.priority)) };
      else if (kind < 0.9) patch = { verificationNotes: (row.verificationNotes ? row.verificationNotes + '\n' : '') + pick(NOTES) };
      else patch = { assignee: pick(FIRST.filter((f) => f !== row.assignee)) };
      const body = editBody(row, patch);
      if (!body) continue;
      Object.assign(row, patch);
      out.push({ editor: Math.floor(r() * 1e6), body });
      if (out.length === slice) {
        yield out;
        out = [];
      }
    }
  }
  if (out.length) yield out;
}
