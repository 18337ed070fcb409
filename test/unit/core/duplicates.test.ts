import { describe, expect, it } from 'vitest';
import { candidateText } from '../../../src-renderer/core/duplicate-reasons';
import { comparableText, minhash, shingles, SIG_SIZE, textShingles, textSimilarity, uniqueTrigrams } from '../../../src-renderer/core/duplicate-text';
import { urlHash, urlKey } from '../../../src-renderer/core/url-key';
import { DuplicateIndex } from '../../../src-renderer/core/duplicates';
import { probeOf, type DuplicateSubject } from '../../../src-renderer/core/duplicate-subject';
import { DEFAULT_FIELDS, type Sighting } from '../../../src-renderer/core/sighting';

const T0 = Date.parse('2026-10-17T14:00:00Z');
const MIN = 60_000;
let n = 0;
function sighting(fields: Partial<Sighting>): DuplicateSubject {
  const id = fields.id ?? `s${++n}`;
  return { ...DEFAULT_FIELDS, id, createdAt: T0, createdBy: 'a', updatedAt: T0, updatedBy: 'a', ...fields };
}

const ORIGINAL =
  'Le Tarn est sorti de son lit à Moissac, quai du Port : l’eau arrive dans les maisons de la rue de la République, les pompiers évacuent les riverains en barque. Évitez absolument le secteur !';
const OTHERS = [
  'La mairie de Montauban ouvre le gymnase Jean-Jaurès pour accueillir les familles évacuées, apportez des couvertures si possible.',
  'Route départementale 927 coupée entre Saint-Antonin-Noble-Val et Caylus, arbres tombés sur la chaussée après les rafales de cette nuit.',
  'Plus de courant depuis une heure à Castelsarrasin, Enedis prévenu mais pas d’estimation pour le retour. Quelqu’un a des nouvelles ?',
  'Vigilance rouge crues : la préfecture demande de ne pas prendre la route et de rester à l’étage. Numéro d’information : 0 800 00 82 82.',
];

function crisis() {
  const index = new DuplicateIndex();
  const original = sighting({ id: 'orig', url: 'https://x.com/moissac_info/status/1846000000000000001', text: ORIGINAL, communeInsee: '82112', communeName: 'Moissac', lat: 44.1049, lon: 1.0853, precision: 'commune' });
  index.set(original);
  OTHERS.forEach((text, i) => index.set(sighting({ id: `autre${i}`, text, url: `https://www.facebook.com/page${i}/posts/pfbid0${i}`, createdAt: T0 - 3 * 3600_000 })));
  return { index, original };
}

describe('texte comparable', () => {
  it('ôte « RT @compte : », les liens, les mentions, les # ; accents et casse pliés', () => {
    expect(comparableText('RT @Prefet82: Crue du #Tarn à Moissac ! https://t.co/abc123 via @VISOV_fr')).toBe('crue du tarn a moissac');
    expect(comparableText('RTL annonce la crue')).toBe('rtl annonce la crue');
  });
  it('ligatures, ß, emoji, ponctuation aux deux bouts, lien en capitales', () => {
    expect(comparableText(' …« ŒUVRE » Straße 😀 HTTPS://T.CO/X (@maire82) fin. ')).toBe('oeuvre strasse fin');
    expect(comparableText('¡¿!')).toBe('');
  });
  it('les trigrammes d’un texte, en un passage, sont ceux du texte comparable ; la signature ne dépend pas de leur ordre', () => {
    // The index computes them without building the comparable string, and signs them unsorted.
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const letters = 'aAzZ09 éÈœŒßÿŸç@:/.(-_#😀\n\thttpsRTvia';
    const texts = [ORIGINAL, ...OTHERS, '', 'ab', 'œ', 'x'.repeat(3000)];
    for (let i = 0; i < 500; i++) texts.push(Array.from({ length: Math.floor(random() * 200) }, () => letters[Math.floor(random() * letters.length)]).join(''));
    // The signature as first written: unsigned 32-bit minimums, one trigram at a time (the same seeds).
    const mix = (h: number) => {
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      return (h ^ (h >>> 16)) >>> 0;
    };
    const seeds = Array.from({ length: SIG_SIZE }, (_, i) => mix(0x9e3779b9 ^ Math.imul(i + 1, 0x632be5ab)));
    const reference = (set: Uint32Array) => {
      const sig = new Array<number>(SIG_SIZE).fill(0xffffffff);
      for (const x of set)
        for (let j = 0; j < SIG_SIZE; j++) {
          let h = Math.imul(x ^ seeds[j]!, 0x85ebca6b);
          h = (h ^ (h >>> 13)) >>> 0;
          if (h < sig[j]!) sig[j] = h;
        }
      return sig;
    };
    for (const t of texts) {
      const sorted = shingles(comparableText(t));
      expect([...textShingles(t)]).toEqual([...sorted]);
      const n = uniqueTrigrams(t);
      const unordered = uniqueTrigrams.values.slice(0, n);
      expect([...unordered].sort((x, y) => x - y)).toEqual([...sorted]);
      const a = new Uint32Array(SIG_SIZE);
      const b = new Uint32Array(SIG_SIZE);
      minhash(sorted, a);
      minhash(unordered.reverse(), b);
      expect([...b]).toEqual([...a]);
      expect([...a]).toEqual(reference(sorted));
    }
  });
  it('une reprise, une citation et un autre texte', () => {
    const s = (t: string) => shingles(comparableText(t));
    const original = s(ORIGINAL);
    expect(textSimilarity(original, s(`RT @moissac_info: ${ORIGINAL}`))).toBe(1);
    expect(textSimilarity(original, s(ORIGINAL.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase()))).toBe(1);
    expect(textSimilarity(original, s(`Incroyable, courage aux Moissagais 🙏 ${ORIGINAL}`))).toBeGreaterThan(0.8);
    expect(textSimilarity(original, s(OTHERS[0]!))).toBeLessThan(0.3);
    // Too short to say anything.
    expect(textSimilarity(s('Moissac inondé'), s('Moissac inondé'))).toBe(0);
  });
});

describe('doublons probables', () => {
  it('même lien : un lien mobile de twitter.com avec ?s=20 retrouve le post x.com', () => {
    const { index } = crisis();
    const [c] = index.candidates({ url: 'https://mobile.twitter.com/Moissac_Info/status/1846000000000000001?s=20&t=xYz', time: T0 + 5 * MIN });
    expect(c).toMatchObject({ id: 'orig', reasons: [{ kind: 'link' }] });
    expect(candidateText(c!, 'fr')).toBe('même lien');
    for (const url of ['https://fxtwitter.com/moissac_info/status/1846000000000000001', 'http://vxtwitter.com/moissac_info/status/1846000000000000001/'])
      expect(index.candidates({ url, time: T0 }).map((x) => x.id)).toEqual(['orig']);
    expect(index.candidates({ url: 'https://x.com/moissac_info/status/1846000000000000002', time: T0 })).toEqual([]);
  });

  it('texte presque identique : une reprise « RT @… » sans lien, avec le pourcentage', () => {
    const { index } = crisis();
    const found = index.candidates({ text: `RT @moissac_info : ${ORIGINAL.replace('Évitez', 'evitez')} #crue82`, time: T0 + 3 * 3600_000 });
    expect(found.map((c) => c.id)).toEqual(['orig']);
    expect(candidateText(found[0]!, 'fr')).toMatch(/^texte presque identique \((9\d|100) %\)$/);
  });

  it('même commune, dans l’heure : raison et écart en minutes; au-delà de l’heure, rien', () => {
    const { index, original } = crisis();
    const probe = { text: 'Des voisins bloqués à l’étage, rue des Mariniers, les secours ne répondent pas', communeInsee: '82112', time: T0 + 20 * MIN };
    const [c] = index.candidates(probe);
    expect(c?.id).toBe('orig');
    expect(candidateText(c!, 'fr')).toBe("même commune, 20 min d'écart");
    expect(candidateText(c!, 'en')).toBe('same commune, 20 min apart');
    expect(index.candidates({ ...probe, time: T0 + 90 * MIN })).toEqual([]);
    // The post's own time corrected (posted two hours earlier than captured): the index follows.
    index.set({ ...original, postedAt: new Date(T0 - 120 * MIN).toISOString() });
    expect(index.candidates(probe)).toEqual([]);
    expect(index.candidates({ ...probe, time: T0 - 100 * MIN })[0]?.id).toBe('orig');
    expect(probeOf({ ...original, postedAt: new Date(T0 - 120 * MIN).toISOString() })).toMatchObject({ id: 'orig', communeInsee: '82112', time: T0 - 120 * MIN });
  });

  it('deux liens différents de même empreinte ne se confondent pas', () => {
    // Links are kept by a 30-bit hash of their key: two of them collide among ~40,000 (birthday bound).
    const seen = new Map<number, string>();
    let pair: [string, string] | null = null;
    for (let n = 0; !pair; n++) {
      const url = `https://x.com/veille82/status/${1846000000000000000 + n * 7919}`;
      const h = urlHash(urlKey(url));
      const other = seen.get(h);
      if (other) pair = [other, url];
      else seen.set(h, url);
    }
    const index = new DuplicateIndex();
    index.set(sighting({ id: 'a', url: pair[0], text: 'Route coupée' }));
    expect(index.candidates({ url: pair[1], time: T0 })).toEqual([]);
    expect(index.candidates({ url: pair[0], time: T0 }).map((c) => c.id)).toEqual(['a']);
    index.set(sighting({ id: 'b', url: pair[1], text: 'Pont fermé' }));
    expect(index.candidates({ url: pair[1], time: T0 }).map((c) => c.id)).toEqual(['b']);
    index.remove('a');
    expect(index.candidates({ url: pair[0], time: T0 })).toEqual([]);
    expect(index.candidates({ url: pair[1], time: T0 }).map((c) => c.id)).toEqual(['b']);
  });

  it('à moins d’un kilomètre (positions précises seulement)', () => {
    const index = new DuplicateIndex();
    index.set(sighting({ id: 'pont', text: 'Pont Napoléon fermé à la circulation, l’eau touche le tablier', lat: 44.1036, lon: 1.0846, precision: 'exacte', createdAt: T0 }));
    index.set(sighting({ id: 'loin', text: 'Camping évacué', lat: 44.12, lon: 1.0846, precision: 'exacte', createdAt: T0 }));
    const [c, other] = index.candidates({ lat: 44.1046, lon: 1.0850, precision: 'rue', time: T0 + 8 * MIN });
    expect(c?.id).toBe('pont');
    expect(other).toBeUndefined();
    expect(candidateText(c!, 'fr')).toBe("à 100 m, 8 min d'écart");
  });

  it('classe le lien avant le texte avant le lieu, et cumule les raisons', () => {
    const { index } = crisis();
    index.set(sighting({ id: 'repost', text: `RT @moissac_info: ${ORIGINAL}`, communeInsee: '82112', communeName: 'Moissac', createdAt: T0 + 2 * MIN }));
    index.set(sighting({ id: 'voisin', text: 'Rue de la République inondée, 40 cm d’eau', communeInsee: '82112', communeName: 'Moissac', createdAt: T0 + 4 * MIN }));
    const found = index.candidates({ url: 'https://twitter.com/moissac_info/status/1846000000000000001', text: ORIGINAL, communeInsee: '82112', time: T0 + 10 * MIN });
    expect(found.map((c) => c.id)).toEqual(['orig', 'repost', 'voisin']);
    expect(candidateText(found[0]!, 'fr')).toBe("même lien · texte presque identique (100 %) · même commune, 10 min d'écart");
    expect(candidateText(found[2]!, 'fr')).toBe("même commune, 6 min d'écart");
  });

  it('se tient à jour : modification, archive, retrait; ne se propose pas soi-même', () => {
    const { index, original } = crisis();
    const probe = { id: 'nouvelle', text: ORIGINAL, time: T0 };
    expect(index.candidates(probe).map((c) => c.id)).toEqual(['orig']);
    expect(index.candidates({ ...probe, id: 'orig' })).toEqual([]);
    index.set({ ...original, text: OTHERS[1]! });
    expect(index.candidates(probe)).toEqual([]);
    expect(index.candidates({ text: OTHERS[1]!, time: T0 }).map((c) => c.id).sort()).toEqual(['autre1', 'orig']);
    index.set({ ...original, status: 'archive' });
    expect(index.candidates({ text: OTHERS[1]!, time: T0 }).map((c) => c.id)).toEqual(['autre1']);
    index.remove('autre1');
    expect(index.candidates({ text: OTHERS[1]!, time: T0 })).toEqual([]);
    expect(index.size).toBe(4);
  });

  it('liste les doublons liés à une originale, et suit les changements de lien', () => {
    const { index, original } = crisis();
    const a = sighting({ id: 'a', text: 'repost', status: 'doublon', duplicateOf: original.id });
    index.set(a);
    index.set(sighting({ id: 'b', text: 'autre repost', status: 'doublon', duplicateOf: original.id }));
    expect(index.duplicatesOf('orig').sort()).toEqual(['a', 'b']);
    index.set({ ...a, duplicateOf: 'autre0' });
    expect(index.duplicatesOf('orig')).toEqual(['b']);
    expect(index.duplicatesOf('autre0')).toEqual(['a']);
    index.remove('b');
    expect(index.duplicatesOf('orig')).toEqual([]);
  });

  it('retrouve une reprise parmi 5 000 remontées de la même crue', () => {
    const index = new DuplicateIndex();
    const openings = ['Ça monte très vite', 'L’eau arrive dans les maisons', 'Route coupée', 'Plus de courant'];
    const places = ['quai de Verdun', 'avenue de Toulouse', 'pont Vieux', 'chemin de halage', 'place Nationale'];
    const details = ['la cave est inondée', 'une voiture est coincée sous le pont', 'deux personnes attendent sur le balcon', 'le gymnase accueille les familles'];
    const post = (i: number) => `${openings[i % 4]} ${places[(i >> 2) % 5]}, Montauban : ${details[(i >> 4) % 4]}, message ${i} de la veille`;
    for (let i = 0; i < 5000; i++) index.set(sighting({ id: `r${i}`, text: post(i), createdAt: T0 - i * MIN }));
    const target = post(1234);
    const found = index.candidates({ text: `RT @voisin82: ${target}`, time: T0 });
    expect(found[0]).toMatchObject({ id: 'r1234' });
    expect(found).toHaveLength(5);
  });
});
