// The rumour records that go on the public map's « Rumeurs démenties » layer: a rumour marked public
// whose verdict is « fausse » or « trompeuse » and that has an official correction. What goes out is
// its claim, the correction and the official link, nothing of the sightings that carry it (no author,
// no post, no link to a post, no note; the evidence stays inside the crisis cell).
//
// Where: one point per commune where a linked sighting was placed, at that commune's centre (the
// gazetteer), never at a post's own point. A centroid of the communes was the alternative; it was not
// chosen because it lands where nobody spoke of the rumour (between two towns, in a river) and says
// nothing for a rumour spread over a département, while one point per commune puts the correction
// where the people who heard the rumour live, and a reader finds it by looking at their own commune.
// A rumour with no placed sighting goes out as one item without a point (listed, not drawn).
import { CATEGORY_LABELS, PRECISION_LABELS } from '../labels';
import { isSafeHttpUrl } from '../links';
import { carriers } from '../rumour-view';
import type { Sighting } from '../sighting';
import { RUMOUR_VERDICT_LABELS, isDebunked } from '../workflow';
import type { Rumour } from '../workflow-state';
import type { CommuneLookup, PublicItem, Withheld } from './public-item';

export interface PublicRumourInput {
  rumours: Iterable<Rumour>;
  /** A sighting by id (the open crisis's rows). */
  get(id: string): Sighting | undefined;
}

export interface PublicRumours {
  items: PublicItem[];
  withheld: Withheld[];
  /** Sightings carried by a published rumour, with its claim: the rumour speaks for them. */
  carried: Map<string, string>;
}

interface Place {
  insee: string;
  name: string;
  departement: string;
  lat: number;
  lon: number;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** The commune a sighting stands for, at the commune's centre; undefined when it has none. */
function communeOf(s: Sighting, communes?: CommuneLookup): Place | undefined {
  const placed = s.lat !== null && s.lon !== null;
  const known = (s.communeInsee && communes?.byInsee(s.communeInsee)) || (placed ? communes?.nearest?.(s.lat!, s.lon!) : undefined);
  if (known) return { insee: known.insee, name: known.name, departement: known.departement, lat: round4(known.lat), lon: round4(known.lon) };
  // A commune the gazetteer does not hold: the sighting's own point is already that commune's centre
  // when its precision says so (never an exact point).
  if (placed && s.precision === 'commune' && s.communeInsee)
    return { insee: s.communeInsee, name: s.communeName, departement: s.departement, lat: round4(s.lat!), lon: round4(s.lon!) };
  return undefined;
}

export function publicRumourItems(input: PublicRumourInput, options: { communes?: CommuneLookup; excluded?: ReadonlySet<string> } = {}): PublicRumours {
  const items: PublicItem[] = [];
  const withheld: Withheld[] = [];
  const carried = new Map<string, string>();
  for (const r of input.rumours) {
    if (!r.isPublic) continue;
    const claim = r.claim.trim();
    const correction = r.correction.trim();
    const held = (reason: string) => withheld.push({ id: r.id, title: claim || r.id, reason });
    if (options.excluded?.has(r.id)) held('exclue par vous');
    else if (!isDebunked(r.verdict)) held(`rumeur non démentie (verdict : ${RUMOUR_VERDICT_LABELS[r.verdict].fr})`);
    else if (!claim) held('rumeur sans énoncé');
    else if (!correction) held('correction officielle manquante');
    else {
      const rows = carriers(r, input.get);
      const places = new Map<string, Place>();
      for (const s of rows) {
        const p = communeOf(s, options.communes);
        if (p && !places.has(p.insee)) places.set(p.insee, p);
        carried.set(s.id, claim);
      }
      const base = {
        layer: 'rumeurs' as const,
        title: claim,
        summary: correction,
        category: 'rumeur' as const,
        categoryLabel: CATEGORY_LABELS.rumeur.fr,
        time: new Date(r.updatedAt).toISOString(),
        source: isSafeHttpUrl(r.link) ? r.link : '',
        rumourId: r.id,
      };
      const sorted = [...places.values()].sort((x, y) => (x.insee < y.insee ? -1 : 1));
      for (const p of sorted)
        items.push({ ...base, id: `${r.id}-${p.insee}`, communeInsee: p.insee, communeName: p.name, departement: p.departement, lat: p.lat, lon: p.lon, precision: 'commune', precisionLabel: PRECISION_LABELS.commune.fr });
      if (!sorted.length) items.push({ ...base, id: r.id, communeInsee: '', communeName: '', departement: '', lat: null, lon: null, precision: 'inconnue', precisionLabel: PRECISION_LABELS.inconnue.fr });
    }
  }
  return { items, withheld, carried };
}
