// The archive's index.html: a static report, readable in any browser with no script at all (a CSP
// forbids scripts anyway). Every text from the record (posts, names, notes) is escaped, never
// interpreted as HTML: the record holds what strangers posted.
import { CATEGORY_LABELS, STATUS_LABELS } from '../labels';
import type { Body } from '../records';
import type { Sighting } from '../sighting';
import { RESTRICTED_MARK } from '../export/features';
import { frenchDateTime } from '../export/time';
import type { ArchiveManifest } from './manifest';

/** Text → HTML text or attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface ReportData {
  rows: readonly Sighting[];
  courante: readonly Body[];
  outputs: readonly Extract<Body, { k: 'o' }>[];
  memberName(id: string): string;
  timeZone: string;
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#111}h1{margin:0}table{border-collapse:collapse;margin:.5em 0 1.5em;width:100%}
th,td{border:1px solid #bbb;padding:2px 6px;text-align:left;vertical-align:top}th{background:#eee}.mark{color:#a00;font-weight:bold}
code{font-size:12px;word-break:break-all}`;

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function counts<K extends string>(rows: readonly Sighting[], key: (s: Sighting) => K, label: (k: K) => string): string[][] {
  const n = new Map<K, number>();
  for (const s of rows) n.set(key(s), (n.get(key(s)) ?? 0) + 1);
  return [...n].sort((x, y) => y[1] - x[1]).map(([k, c]) => [label(k), String(c)]);
}

export function archiveReportHtml(manifest: ArchiveManifest, data: ReportData): string {
  const { crisis } = manifest;
  const when = (t: number | string) => frenchDateTime(t, data.timeZone);
  const title = `Archive — ${crisis.name}`;
  const sightings = data.rows.map((s) => [
    when(s.createdAt),
    s.communeName || s.placeText,
    CATEGORY_LABELS[s.category]?.fr ?? s.category,
    s.priority,
    STATUS_LABELS[s.status]?.fr ?? s.status,
    s.text.length > 500 ? `${s.text.slice(0, 500)}…` : s.text,
    s.authorHandle,
  ]);
  const courante = data.courante.map((b) => {
    const { k: _k, a, t, ...rest } = b as Body & Record<string, unknown>;
    return [when(t), data.memberName(a), JSON.stringify(rest)];
  });
  const outputs = data.outputs.map((o) => [when(o.t), data.memberName(o.a), o.format, o.scope === 'public' ? 'publique' : 'restreinte', String(o.count), o.name ?? '', o.sha256]);
  const files = manifest.files.map((f) => `<tr><td><a href="${escapeHtml(f.path)}">${escapeHtml(f.path)}</a></td><td>${escapeHtml(f.description)}</td><td>${f.bytes}</td><td><code>${escapeHtml(f.sha256)}</code></td></tr>`).join('\n');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<p class="mark">${escapeHtml(RESTRICTED_MARK)}</p>
<h1>${escapeHtml(title)}</h1>
<p>Département ${escapeHtml(crisis.departement)} · aléa : ${escapeHtml(crisis.hazard)} · début : ${escapeHtml(when(crisis.startedAt))}
${crisis.closed ? ` · close${crisis.closedByName ? ` par ${escapeHtml(crisis.closedByName)}` : ''}` : ' · en cours'}</p>
<p>Archive exportée le ${escapeHtml(when(Date.parse(manifest.exportedAt)))} par ${escapeHtml(manifest.exportedBy.name)}.
Identifiant de la crise : <code>${escapeHtml(crisis.id)}</code> (époque de clé ${crisis.epoch}).</p>
<h2>Fichiers de l’archive</h2>
<p>Les empreintes SHA-256 sont aussi dans <code>manifest.json</code>.</p>
<table><thead><tr><th>Fichier</th><th>Contenu</th><th>Octets</th><th>SHA-256</th></tr></thead><tbody>
${files}
</tbody></table>
<h2>Chiffres</h2>
<p>${manifest.counts.sightings} remontée(s), ${manifest.counts.entries} entrée(s) signée(s) au registre, ${manifest.counts.mainCourante} entrée(s) de main courante, ${manifest.counts.exports} fichier(s) exporté(s).</p>
${table(['Statut', 'Remontées'], counts(data.rows, (s) => s.status, (k) => STATUS_LABELS[k]?.fr ?? k))}
${table(['Catégorie', 'Remontées'], counts(data.rows, (s) => s.category, (k) => CATEGORY_LABELS[k]?.fr ?? k))}
<h2>Main courante</h2>
${courante.length ? table(['Date', 'Auteur', 'Contenu'], courante) : `<p>${escapeHtml(manifest.mainCourante)}</p>`}
<h2>Fichiers sortis de Vigie</h2>
${outputs.length ? table(['Date', 'Par', 'Format', 'Diffusion', 'Remontées', 'Fichier', 'SHA-256'], outputs) : '<p>Aucun.</p>'}
<h2>Remontées</h2>
${table(['Créée le', 'Lieu', 'Catégorie', 'Priorité', 'Statut', 'Texte', 'Auteur'], sightings)}
<h2>Vérifier les signatures</h2>
<p>${escapeHtml(manifest.signatures)}</p>
</body>
</html>
`;
}
