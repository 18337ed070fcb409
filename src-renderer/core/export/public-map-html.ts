// The public map as ONE self-contained HTML file: Leaflet, its styles, the built-in basemap and the
// public items inlined, so it opens from a USB key (file://), an e-mail attachment or any static host
// with no request at all (an online basemap only when the publisher asked for one).
//
// Untrusted text (posts come from the internet and from any peer) is never HTML here: the data sits
// in a <script type="application/json"> block with <, > and & escaped as \u003c…, the page's script
// builds every node with textContent (Leaflet popups get DOM nodes, never strings), links are set only
// when they are http(s), and a strict Content-Security-Policy (no inline script but the two hashed
// ones, no connection, no image but data: and the chosen tile host) stands behind all that.
import type { Feature, MultiPolygon } from 'geojson';
import type { Category } from '../taxonomy';
import { yieldToEventLoop } from '../slicer';
import { CHUNK, type Progress } from './chunks';
import type { Bbox } from './basemap-clip';
import { informationCount, PUBLIC_LAYER_LABELS, PUBLIC_LAYERS, type PublicItem } from './public-subset';
import { frenchDateTime, frenchUpdatedAt } from './time';

export interface PublicLink {
  label: string;
  url: string;
}

export interface PublicMapInput {
  crisisName: string;
  departement: string;
  departementName: string;
  items: readonly PublicItem[];
  updatedAt: number;
  timeZone: string;
  links: readonly PublicLink[];
  /** Clipped polygons of the built-in basemap (basemap-clip.ts). */
  basemap: { land: Feature<MultiPolygon>[]; departements: Feature<MultiPolygon, { code: string; nom: string }>[] };
  /** The first view when no item is located. */
  view: Bbox;
  categories: readonly { id: Category; label: string; colour: string }[];
  /** Only when the publisher ticked it: an online tile layer (https). */
  tiles?: { url: string; attribution: string };
  /** Leaflet's own files (leaflet.js, leaflet.css), inlined. */
  leaflet: { js: string; css: string };
}

/** `<title>` and other HTML text: the five characters that matter, escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that can sit inside a <script> element whatever the strings hold. */
export function jsonForScript(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export async function sha256Base64(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  let binary = '';
  for (const b of new Uint8Array(digest)) binary += String.fromCharCode(b);
  return btoa(binary);
}

const isHttp = (url: string) => /^https?:\/\/[^\s]+$/i.test(url);

/** The origin of an https tile template, for the CSP ("https://tile.openstreetmap.org"). */
function tileOrigin(template: string): string {
  const m = /^https:\/\/[^/{}\s]+/i.exec(template);
  if (!m) throw new Error('adresse de fond de carte en ligne invalide (https et un seul hôte, sans {s} dans le nom)');
  return m[0];
}

// Compact items: the file's script reads these keys.
function compact(item: PublicItem, timeZone: string) {
  return {
    t: item.title,
    s: item.summary,
    c: item.category,
    l: item.layer === 'rumeurs' ? 1 : 0,
    d: frenchDateTime(item.time, timeZone),
    m: item.communeName,
    p: item.precision === 'commune' ? 'à la commune' : item.precision === 'departement' ? 'au département' : '',
    y: item.lat,
    x: item.lon,
    u: isHttp(item.source) ? item.source : '',
    // A rumour's items (one per commune) share `g`: the list shows the rumour once, with its communes.
    ...(item.rumourId ? { g: item.rumourId } : {}),
  };
}

const STYLE = `
html,body{margin:0;height:100%;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#161616;background:#fff}
body{display:flex;flex-direction:column}
header{padding:.6rem 1rem;border-bottom:3px solid #000091}
header h1{margin:0;font-size:1.3rem}
header p{margin:.2rem 0;font-size:.9rem}
.links a{margin-right:1rem}
main{flex:1;display:flex;min-height:0}
#map{flex:1;min-height:320px;background:#cfe3f0}
aside{width:22rem;max-width:45%;overflow:auto;border-left:1px solid #ddd;padding:.5rem 1rem;box-sizing:border-box}
aside h2{font-size:1rem;margin:.8rem 0 .3rem}
fieldset{border:1px solid #ddd;margin:0 0 .5rem;padding:.3rem .6rem}
legend{font-weight:600;font-size:.9rem}
label{display:flex;align-items:center;gap:.4rem;font-size:.85rem;margin:.15rem 0}
.swatch{display:inline-block;width:.9rem;height:.9rem;border-radius:50%;border:1px solid #1e1e1e;flex:none}
.swatch.rumeur{background:#bbb;border-style:dashed}
ol{padding-left:1.2rem}
li{margin:.5rem 0}
li h3{font-size:.95rem;margin:0}
li p{margin:.15rem 0;font-size:.85rem}
.meta{color:#555}
.dementi{color:#8d1f1f;font-weight:600}
.notice{font-size:.8rem;color:#444}
.popup h3{margin:0 0 .2rem;font-size:1rem}
.popup p{margin:.2rem 0}
@media (max-width:700px){main{flex-direction:column}aside{width:auto;max-width:none;border-left:0}}
`;

// The page's script. Plain ES5-ish JavaScript for every current browser; text only through textContent.
const SCRIPT = `(function () {
'use strict';
var data = JSON.parse(document.getElementById('vigie-data').textContent);
function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined && text !== null) e.textContent = String(text); return e; }
function link(url, text) { var a = el('a', '', text); if (/^https?:\\/\\//i.test(url)) { a.href = url; a.rel = 'noopener noreferrer'; a.target = '_blank'; } return a; }
function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
document.getElementById('crisis').textContent = data.crisis;
document.getElementById('departement').textContent = 'Département : ' + data.departement;
document.getElementById('updated').textContent = 'Mis à jour le ' + data.updated;
var links = document.getElementById('links');
data.links.forEach(function (l) { links.appendChild(link(l.url, l.label)); });
var colours = {}, labels = {};
data.categories.forEach(function (c) { colours[c.id] = c.colour; labels[c.id] = c.label; });
var map = L.map('map', { preferCanvas: true });
map.attributionControl.setPrefix('Leaflet');
var renderer = L.canvas({ padding: 0.3 });
var basemapAttribution = 'Fond : Natural Earth (domaine public), départements COG INSEE (Licence Ouverte)';
if (data.tiles) L.tileLayer(data.tiles.url, { attribution: esc(data.tiles.attribution), maxZoom: 19 }).addTo(map);
L.geoJSON(data.basemap.land, { renderer: renderer, interactive: false, attribution: basemapAttribution, style: { stroke: false, fillColor: '#f2efe9', fillOpacity: data.tiles ? 0 : 1 } }).addTo(map);
L.geoJSON(data.basemap.departements, { renderer: renderer, interactive: false, style: function (f) { var own = f.properties.code === data.departementCode; return { color: own ? '#000091' : '#9a8f80', weight: own ? 2.5 : 1, fillColor: '#fbfaf7', fillOpacity: data.tiles ? 0 : own ? 1 : 0.8 }; } }).addTo(map);
var shown = {}, layersOn = [true, true];
data.categories.forEach(function (c) { shown[c.id] = true; });
function popupOf(it) {
  var box = el('div', 'popup');
  box.appendChild(el('h3', '', it.t));
  box.appendChild(el('p', 'meta', [labels[it.c], it.m, it.d].filter(Boolean).join(' · ')));
  if (it.l === 1) box.appendChild(el('p', 'dementi', 'Rumeur démentie'));
  if (it.s) box.appendChild(el('p', '', (it.l === 1 ? 'Démenti officiel : ' : '') + it.s));
  if (it.p) box.appendChild(el('p', 'meta', 'Lieu indiqué ' + it.p));
  if (it.u) box.appendChild(sourceOf(it));
  return box;
}
function sourceOf(it) { var p = el('p'); p.appendChild(link(it.u, it.l === 1 ? 'Lien officiel' : 'Source officielle')); return p; }
// A rumour placed in several communes: its items, by group.
var groups = {};
data.items.forEach(function (it, i) { if (it.g) (groups[it.g] = groups[it.g] || []).push(i); });
function placesOf(it) { return it.g ? groups[it.g].map(function (i) { return data.items[i].m; }).filter(Boolean).join(', ') : it.m; }
var markers = data.items.map(function (it) {
  if (it.y === null || it.x === null) return null;
  var rumour = it.l === 1;
  var m = L.circleMarker([it.y, it.x], { renderer: renderer, radius: 7, weight: rumour ? 2 : 1, color: rumour ? colours[it.c] : '#1e1e1e', dashArray: rumour ? '3 3' : null, fillColor: rumour ? '#bbbbbb' : colours[it.c], fillOpacity: 0.9 });
  m.bindPopup(function () { return popupOf(it); });
  return m;
});
var list = document.getElementById('list'), more = document.getElementById('more');
var count = document.getElementById('count');
var PAGE = 200, limit = PAGE;
function visible(it) { return shown[it.c] && layersOn[it.l]; }
function show(indices) {
  var ms = indices.map(function (i) { return markers[i]; }).filter(Boolean);
  if (ms.length === 1) map.setView(ms[0].getLatLng(), Math.max(map.getZoom(), 12));
  else map.fitBounds(L.featureGroup(ms).getBounds().pad(0.3), { maxZoom: 12 });
  ms[0].openPopup();
}
function renderList() {
  while (list.firstChild) list.removeChild(list.firstChild);
  var n = 0, listed = {};
  for (var i = 0; i < data.items.length && n < limit; i++) {
    var it = data.items[i];
    if (!visible(it)) continue;
    if (it.g) { if (listed[it.g]) continue; listed[it.g] = true; }
    n++;
    var li = el('li', it.l === 1 ? 'rumeur' : '');
    li.appendChild(el('h3', '', it.t));
    li.appendChild(el('p', 'meta', [labels[it.c], placesOf(it), it.d].filter(Boolean).join(' · ')));
    if (it.l === 1) li.appendChild(el('p', 'dementi', 'Rumeur démentie'));
    if (it.s) li.appendChild(el('p', '', (it.l === 1 ? 'Démenti officiel : ' : '') + it.s));
    if (it.u) li.appendChild(sourceOf(it));
    var own = it.g ? groups[it.g] : [i];
    if (own.some(function (j) { return markers[j]; })) { var b = el('button', '', 'Voir sur la carte'); b.type = 'button'; b.addEventListener('click', (function (idx) { return function () { show(idx); }; })(own)); li.appendChild(b); }
    list.appendChild(li);
  }
}
function refresh() {
  var n = 0, counted = {};
  data.items.forEach(function (it, i) {
    var on = visible(it);
    if (on && !(it.g && counted[it.g])) n++;
    if (on && it.g) counted[it.g] = true;
    var m = markers[i];
    if (m) { if (on && !map.hasLayer(m)) m.addTo(map); else if (!on && map.hasLayer(m)) map.removeLayer(m); }
  });
  count.setAttribute('data-public-count', String(n));
  count.textContent = n + (n > 1 ? ' informations publiques affichées' : ' information publique affichée');
  limit = PAGE;
  renderList();
  more.hidden = n <= limit;
}
more.addEventListener('click', function () { limit += PAGE; renderList(); more.hidden = list.childNodes.length >= Number(count.getAttribute('data-public-count')); });
var filters = document.getElementById('filters');
function checkbox(parent, text, swatchClass, colour, onChange) {
  var label = el('label');
  var box = el('input'); box.type = 'checkbox'; box.checked = true;
  box.addEventListener('change', function () { onChange(box.checked); refresh(); });
  var sw = el('span', 'swatch' + (swatchClass ? ' ' + swatchClass : ''));
  if (colour) sw.style.background = colour;
  label.appendChild(box); label.appendChild(sw); label.appendChild(document.createTextNode(text));
  parent.appendChild(label);
}
var layerSet = el('fieldset'); layerSet.appendChild(el('legend', '', 'Couches'));
data.layers.forEach(function (name, l) { checkbox(layerSet, name, l === 1 ? 'rumeur' : '', l === 1 ? null : '#ffffff', function (on) { layersOn[l] = on; }); });
filters.appendChild(layerSet);
var catSet = el('fieldset'); catSet.appendChild(el('legend', '', 'Catégories'));
data.categories.forEach(function (c) { checkbox(catSet, c.label, '', c.colour, function (on) { shown[c.id] = on; }); });
filters.appendChild(catSet);
var located = markers.filter(Boolean);
if (located.length) map.fitBounds(L.featureGroup(located).getBounds().pad(0.15), { maxZoom: 13 });
else map.fitBounds([[data.view[1], data.view[0]], [data.view[3], data.view[2]]]);
refresh();
})();`;

export async function buildPublicMapHtml(input: PublicMapInput, progress?: Progress): Promise<string> {
  const present = new Set(input.items.map((i) => i.category));
  // One JSON.stringify per slice of items, the event loop given back between slices.
  const itemJson: string[] = [];
  for (let start = 0; start < input.items.length; start += CHUNK) {
    const end = Math.min(input.items.length, start + CHUNK);
    itemJson.push(JSON.stringify(input.items.slice(start, end).map((item) => compact(item, input.timeZone))).slice(1, -1));
    progress?.(end, input.items.length);
    if (end < input.items.length) await yieldToEventLoop();
  }
  const rest = {
    crisis: input.crisisName,
    departement: `${input.departement} ${input.departementName}`.trim(),
    departementCode: input.departement,
    updated: frenchUpdatedAt(input.updatedAt, input.timeZone),
    links: input.links.filter((l) => isHttp(l.url) && l.label.trim()).map((l) => ({ label: l.label.trim(), url: l.url })),
    categories: input.categories.filter((c) => present.has(c.id)),
    layers: PUBLIC_LAYERS.map((l) => PUBLIC_LAYER_LABELS[l]),
    basemap: { land: { type: 'FeatureCollection', features: input.basemap.land }, departements: { type: 'FeatureCollection', features: input.basemap.departements } },
    view: input.view,
    tiles: input.tiles ? { url: input.tiles.url, attribution: input.tiles.attribution } : null,
  };
  const json = jsonForScript(`${JSON.stringify(rest).slice(0, -1)},"items":[${itemJson.join(',')}]}`);
  // The HTML parser turns CR LF into LF before the browser hashes an inline element: hash what it will see.
  const lf = (text: string) => text.replace(/\r\n?/g, '\n');
  const leafletJs = lf(input.leaflet.js).replace(/<\/script/gi, '<\\/script');
  const css = `${lf(input.leaflet.css).replace(/url\((?!data:)[^)]*\)/g, 'none').replace(/<\/style/gi, '')}\n${STYLE}`;
  const imgSources = ['data:', ...(input.tiles ? [tileOrigin(input.tiles.url)] : [])].join(' ');
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${await sha256Base64(leafletJs)}' 'sha256-${await sha256Base64(SCRIPT)}'`,
    `style-src 'sha256-${await sha256Base64(css)}'`,
    `img-src ${imgSources}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const count = informationCount(input.items);
  const title = `Carte publique — ${input.crisisName}`;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="Vigie">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body>
<header>
<h1>Carte publique — <span id="crisis"></span></h1>
<p id="departement"></p>
<p id="updated"></p>
<p class="links" id="links"></p>
<p id="count" data-public-count="${count}" role="status">${count} ${count > 1 ? 'informations publiques' : 'information publique'}</p>
<noscript><p>Cette carte a besoin de JavaScript pour s’afficher.</p></noscript>
</header>
<main>
<div id="map" role="region" aria-label="Carte"></div>
<aside>
<h2>Légende et filtres</h2>
<div id="filters"></div>
<p class="notice">Seules des informations vérifiées sont publiées ici. Les demandes de secours, les victimes et les personnes disparues sont placées au centre de leur commune, jamais à leur adresse. En cas d’urgence, appelez le 112.</p>
<h2>Liste des informations</h2>
<ol id="list"></ol>
<button type="button" id="more" hidden>Afficher plus</button>
</aside>
</main>
<script type="application/json" id="vigie-data">${json}</script>
<script>${leafletJs}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
