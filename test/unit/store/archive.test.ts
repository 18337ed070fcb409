// The archive of a closed crisis, read back as someone without Vigie would: unzipped with fflate,
// every file present with the manifest's SHA-256 and size, the CSV parsed by papaparse, a history
// line's signature checked with WebCrypto alone, and no hostile text turned into HTML.
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { buildArchive, sha256Hex, type ArchiveManifest, type HistoryLine } from '../../../src-renderer/core/archive/archive';
import type { CrisisStore } from '../../../src-renderer/store/crisis-store';
import { archiveOf as archiveAsTheAppBuildsIt } from '../../../src-renderer/ui/archive/archive';
import { twoCopies, syncDocs } from './helpers';

const HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>&amp; « Pont » ; =SUM(A1)';

async function archiveOf(store: CrisisStore) {
  const info = store.state.info!;
  return buildArchive({
    crisis: { id: store.crisis.id, name: info.name, departement: info.departement, hazard: info.hazard, startedAt: info.startedAt, epoch: 0, closed: info.closed, closedBy: info.closedBy },
    rows: [...store.state.rows.values()],
    journal: await store.history(),
    memberName: (id) => store.member(id)?.name ?? '?',
    exportedBy: { id: store.me.id, name: store.me.name },
    exportedAt: Date.parse('2026-11-25T10:00:00Z'),
  });
}

describe('archive d’une crise close', () => {
  it('un zip lisible sans Vigie : fichiers, empreintes, CSV, signatures, HTML sans injection', async () => {
    const { a, b } = await twoCopies();
    await a.create({ text: HOSTILE, authorHandle: '@citoyen_1', url: 'https://x.com/citoyen_1/status/1', lat: 44.1, lon: 1.08 });
    await a.create({ text: 'Ligne 2 ; avec "guillemets"\net un saut de ligne', verificationNotes: 'note' });
    await a.recordOutput({ format: 'csv', scope: 'restricted', count: 2, sha256: 'a'.repeat(64), name: '<b>export</b>.csv' });
    await a.workflow.setClosed(true);
    await syncDocs(a, b);

    const archive = await archiveOf(b);
    expect(archive.name).toMatch(/^crue-du-tarn-archive-20261125-1100\.zip$/);
    const files = unzipSync(archive.bytes);
    const folder = archive.name.replace(/\.zip$/, '');
    const names = Object.keys(files).sort();
    expect(names).toEqual(
      ['exports.csv', 'historique.jsonl', 'index.html', 'main-courante.csv', 'manifest.json', 'remontees.csv', 'remontees.geojson'].map((n) => `${folder}/${n}`).sort(),
    );
    const manifest = JSON.parse(strFromU8(files[`${folder}/manifest.json`]!)) as ArchiveManifest;
    expect(manifest.files.map((f) => f.path).sort()).toEqual(names.map((n) => n.slice(folder.length + 1)).filter((n) => n !== 'manifest.json').sort());
    for (const f of manifest.files) {
      const bytes = files[`${folder}/${f.path}`]!;
      expect(await sha256Hex(bytes), f.path).toBe(f.sha256);
      expect(bytes.byteLength, f.path).toBe(f.bytes);
    }
    expect(manifest.crisis).toMatchObject({ id: b.crisis.id, name: 'Crue du Tarn', closed: true, closedByName: 'Alice Martin' });
    expect(manifest.exportedBy.name).toBe('Bob Durand');
    expect(manifest.counts).toMatchObject({ sightings: 2, exports: 1, mainCourante: 0 });

    // The CSV: the export's own format, every field, read back by papaparse.
    const csv = Papa.parse<string[]>(strFromU8(files[`${folder}/remontees.csv`]!).replace(/^\ufeff/, ''), { delimiter: ';', skipEmptyLines: true });
    expect(csv.errors).toEqual([]);
    expect(csv.data).toHaveLength(3);
    const header = csv.data[0]!;
    const texts = csv.data.slice(1).map((r) => r[header.indexOf('Texte')]);
    expect(texts).toContain(HOSTILE); // (starts with "<": no formula prefix)
    expect(texts).toContain('Ligne 2 ; avec "guillemets"\net un saut de ligne');
    expect(csv.data.slice(1).map((r) => r[header.indexOf('Auteur')])).toContain("'@citoyen_1"); // (the export's formula guard)
    const exportsCsv = Papa.parse<string[]>(strFromU8(files[`${folder}/exports.csv`]!).replace(/^\ufeff/, ''), { delimiter: ';', skipEmptyLines: true });
    expect(exportsCsv.data[1]).toContain('a'.repeat(64));

    const geo = JSON.parse(strFromU8(files[`${folder}/remontees.geojson`]!));
    expect(geo.features).toHaveLength(2);

    // The history: every entry, each signature checkable with WebCrypto and the crisis id only.
    const lines = strFromU8(files[`${folder}/historique.jsonl`]!).trim().split('\n').map((l) => JSON.parse(l) as HistoryLine);
    expect(lines.length).toBe((await b.history()).length);
    expect(lines.map((l) => l.kind)).toEqual(expect.arrayContaining(['x', 'm', 'p', 'c', 'o', 'u']));
    for (const line of lines) {
      const key = await crypto.subtle.importKey('raw', Buffer.from(line.author, 'base64url'), { name: 'Ed25519' }, false, ['verify']);
      const ok = await crypto.subtle.verify('Ed25519', key, Buffer.from(line.g, 'base64url'), new TextEncoder().encode(`${manifest.crisis.id}\n${line.d}`));
      expect(ok, line.id).toBe(true);
    }

    // The report: static, escaped.
    const html = strFromU8(files[`${folder}/index.html`]!);
    expect(html).not.toMatch(/<script|<img|onerror="|<b>export/i);
    expect(html).toContain('&#60;img src=x onerror=&#34;alert(1)&#34;&#62;');
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('Diffusion restreinte');
    for (const f of manifest.files.filter((f) => f.path !== 'index.html')) expect(html).toContain(f.sha256);
  });

  it('la main courante entière, en français : entrées saisies et lignes tirées du registre, avec les corrections', async () => {
    const { a } = await twoCopies();
    await a.mainCourante.add('decision', 'Ouverture du gymnase de Moissac');
    const id = a.state.log.lines().find((l) => l.text === 'Ouverture du gymnase de Moissac')!.id;
    await a.mainCourante.correct(id, 'decision', 'Ouverture du gymnase de Castelsarrasin');
    await a.workflow.setClosed(true);
    // The COD's log goes on after closing.
    await a.mainCourante.add('information', 'Archive exportée pour le retour d’expérience');
    const archive = await archiveAsTheAppBuildsIt(a, Date.parse('2026-11-25T10:00:00Z'));
    const folder = archive.name.replace(/\.zip$/, '');
    const files = unzipSync(archive.bytes);
    const csv = Papa.parse<string[]>(strFromU8(files[`${folder}/main-courante.csv`]!).replace(/^\ufeff/, ''), { delimiter: ';', skipEmptyLines: true });
    expect(csv.errors).toEqual([]);
    const [header, ...rows] = csv.data;
    expect(header).toEqual(['Date', 'Auteur', 'Type', 'Texte', 'Corrige l’entrée', 'Entrée']);
    const texts = rows.map((r) => r[3]);
    expect(texts).toContain('Ouverture du gymnase de Moissac');
    expect(rows.find((r) => r[3] === 'Ouverture du gymnase de Castelsarrasin')?.[4]).toBe(id);
    expect(texts).toContain('Crise close pour tous les membres');
    expect(texts.at(-1)).toBe('Archive exportée pour le retour d’expérience');
    expect(rows.every((r) => r[1] && r[2])).toBe(true);
    expect(archive.manifest.counts.mainCourante).toBe(rows.length);
  });
});

