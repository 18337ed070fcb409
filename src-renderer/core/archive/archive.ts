// The archive of a closed crisis: ONE zip file anyone can read without Vigie (a folder of CSV,
// GeoJSON, JSON lines and a static HTML report), with a manifest giving every file's SHA-256 and
// size. The CSV and GeoJSON are the exports' own builders (core/export), so a column means the same
// in the archive and in an everyday export. The history keeps each signed entry exactly as signed
// (`d`, `g`), so anyone can check the signatures later (docs/sync.md §1.1) with no Vigie code.
import { strToU8, zipSync } from 'fflate';
import { compareEntries, type Body } from '../records';
import type { Sighting } from '../sighting';
import { buildRestrictedCsv, neutralise, writeCsv } from '../export/csv';
import { restrictedFeature } from '../export/features';
import { buildGeoJson } from '../export/geojson';
import { frenchDateTime, timeZoneOf } from '../export/time';
import type { ArchiveCrisis, ArchiveManifest, ManifestFile } from './manifest';
import { archiveReportHtml } from './report';

export type { ArchiveCrisis, ArchiveManifest, ManifestFile };

/** One signed entry as the journal keeps it. */
export interface ArchiveEntry {
  id: string;
  d: string;
  g: string;
}

export interface ArchiveInput {
  crisis: ArchiveCrisis;
  rows: readonly Sighting[];
  /** Every entry of the record (journal), any order. */
  journal: readonly ArchiveEntry[];
  memberName(id: string): string;
  exportedBy: { id: string; name: string };
  exportedAt: number;
  /**
   * The main courante as the crisis shows it (free and automatic lines, worded in French by the UI,
   * ui/main-courante/describe.ts). Without it, the free entries (`l`) of the journal, as they are.
   */
  mainCourante?: readonly ArchiveLogLine[];
}

/** One line of the main courante, worded. */
export interface ArchiveLogLine {
  id: string;
  at: number;
  author: string;
  type: string;
  text: string;
  /** The line it corrects. */
  fix?: string;
}

export interface Archive {
  /** The zip's suggested file name. */
  name: string;
  bytes: Uint8Array;
  manifest: ArchiveManifest;
}

/** The history's line for one entry: who, when, what kind, and the signed text with its signature. */
export interface HistoryLine {
  id: string;
  kind: string;
  author: string;
  authorName: string;
  time: string;
  d: string;
  g: string;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function slug(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'crise';
}

/** yyyymmdd-hhmm in the crisis's zone (file names sort by time). */
function stamp(ms: number, timeZone: string): string {
  const [date = '', time = ''] = frenchDateTime(ms, timeZone).split(' ');
  const [d, m, y] = date.split('/');
  return `${y}${m}${d}-${time.replace(':', '')}`;
}

interface Parsed {
  id: string;
  d: string;
  g: string;
  body: Body;
}

/** Entries of the journal whose body reads (all of them, normally), in the record's total order. */
function parsed(journal: readonly ArchiveEntry[]): Parsed[] {
  const out: Parsed[] = [];
  for (const e of journal) {
    try {
      out.push({ ...e, body: JSON.parse(e.d) as Body });
    } catch {
      // A journal holds only verified entries; one that does not parse is left out, not guessed at.
    }
  }
  return out.sort(compareEntries);
}

/**
 * The main courante as a table: one line per `l` entry (the main courante module's kind), its
 * fields other than kind, author and time written as they are (JSON), so this file does not depend
 * on that module's field names.
 */
function mainCouranteCsv(entries: readonly Parsed[], name: (id: string) => string, timeZone: string): string {
  const rows = entries.map((e) => {
    const { k: _k, a, t, ...rest } = e.body as Body & Record<string, unknown>;
    const type = typeof rest.type === 'string' ? rest.type : '';
    return [frenchDateTime(t, timeZone), neutralise(name(a)), neutralise(type), JSON.stringify(rest), e.id];
  });
  return writeCsv(['Date', 'Auteur', 'Type', 'Contenu', 'Entrée'], rows);
}

function logCsv(lines: readonly ArchiveLogLine[], name: (id: string) => string, timeZone: string): string {
  const rows = lines.map((l) => [frenchDateTime(l.at, timeZone), neutralise(name(l.author)), neutralise(l.type), neutralise(l.text), l.fix ?? '', l.id]);
  return writeCsv(['Date', 'Auteur', 'Type', 'Texte', 'Corrige l’entrée', 'Entrée'], rows);
}

function exportsCsv(entries: readonly Parsed[], name: (id: string) => string, timeZone: string): string {
  const rows = entries.map((e) => {
    const o = e.body as Extract<Body, { k: 'o' }>;
    return [frenchDateTime(o.t, timeZone), neutralise(name(o.a)), o.format, o.scope === 'public' ? 'publique' : 'restreinte', String(o.count), o.sha256, neutralise(o.name ?? '')];
  });
  return writeCsv(['Date', 'Par', 'Format', 'Diffusion', 'Remontées', 'SHA-256', 'Fichier'], rows);
}

/** Builds the archive: every file, the manifest of their checksums, and the zip holding them. */
export async function buildArchive(input: ArchiveInput): Promise<Archive> {
  const { crisis, memberName } = input;
  const timeZone = timeZoneOf(crisis.departement);
  const folder = `${slug(crisis.name)}-archive-${stamp(input.exportedAt, timeZone)}`;
  const entries = parsed(input.journal);
  const rows = [...input.rows].sort((x, y) => x.createdAt - y.createdAt || (x.id < y.id ? -1 : 1));
  const courante = entries.filter((e) => e.body.k === ('l' as string));
  const outputs = entries.filter((e) => e.body.k === 'o');

  const history = entries
    .map((e) => {
      const line: HistoryLine = { id: e.id, kind: e.body.k, author: e.body.a, authorName: memberName(e.body.a), time: new Date(e.body.t).toISOString(), d: e.d, g: e.g };
      return JSON.stringify(line);
    })
    .join('\n');

  const texts: [string, string, string][] = [
    ['remontees.csv', await buildRestrictedCsv(rows, { timeZone, memberName }), 'Toutes les remontées, tous les champs (CSV pour Excel : UTF-8, « ; »)'],
    ['remontees.geojson', await buildGeoJson(rows.map((s) => restrictedFeature(s, memberName)), { name: `${crisis.name} — remontées`, scope: 'restricted' }), 'Toutes les remontées (GeoJSON, WGS 84)'],
    ['historique.jsonl', history ? `${history}\n` : '', 'Chaque entrée signée du registre, une par ligne (JSON) : auteur, heure, type, texte signé et signature'],
    input.mainCourante
      ? ['main-courante.csv', logCsv(input.mainCourante, memberName, timeZone), 'La main courante : entrées saisies et lignes tirées du registre signé, par heure']
      : ['main-courante.csv', mainCouranteCsv(courante, memberName, timeZone), 'La main courante (entrées de type « l »)'],
    ['exports.csv', exportsCsv(outputs, memberName, timeZone), 'Historique des fichiers sortis de Vigie (carte publique, exports)'],
  ];
  const files: ManifestFile[] = [];
  const zipped: Record<string, Uint8Array> = {};
  for (const [path, text, description] of texts) {
    const bytes = strToU8(text);
    zipped[`${folder}/${path}`] = bytes;
    files.push({ path, sha256: await sha256Hex(bytes), bytes: bytes.byteLength, description });
  }
  const closedByName = crisis.closedBy ? memberName(crisis.closedBy) : undefined;
  const base = {
    format: 'vigie-archive/1' as const,
    crisis: { ...crisis, ...(closedByName ? { closedByName } : {}) },
    exportedBy: input.exportedBy,
    exportedAt: new Date(input.exportedAt).toISOString(),
    counts: { sightings: rows.length, entries: entries.length, mainCourante: input.mainCourante?.length ?? courante.length, exports: outputs.length },
    signatures: `Chaque ligne de historique.jsonl : « g » est la signature Ed25519 (base64url), par la clé publique « author » (base64url, 32 octets), du texte UTF-8 « ${crisis.id} » + saut de ligne + « d » (docs/sync.md §1.1).`,
    mainCourante: input.mainCourante
      ? 'Toute la main courante : les entrées saisies (type « l ») et les lignes que le registre signé fait (transmissions, accusés de réception, verdicts, rumeurs démenties, membres, clôture, purge…).'
      : courante.length
        ? 'Entrées de type « l » du registre.'
        : 'Aucune entrée de main courante (type « l ») dans le registre de cette copie.',
  };

  const html = strToU8(archiveReportHtml({ ...base, files }, { rows, courante: courante.map((e) => e.body), outputs: outputs.map((e) => e.body as Extract<Body, { k: 'o' }>), memberName, timeZone }));
  zipped[`${folder}/index.html`] = html;
  files.push({ path: 'index.html', sha256: await sha256Hex(html), bytes: html.byteLength, description: 'Rapport lisible dans un navigateur, sans script' });

  const manifest: ArchiveManifest = { ...base, files };
  zipped[`${folder}/manifest.json`] = strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
  const bytes = zipSync(zipped, { level: 6, mtime: new Date(input.exportedAt) });
  return { name: `${folder}.zip`, bytes, manifest };
}
