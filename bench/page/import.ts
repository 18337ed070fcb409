// Import bench: a team's CSV of n rows (as French Excel writes it: Windows-1252, ";", dd/mm/yyyy HH:MM,
// decimal commas, French labels; half the rows with coordinates, half placed by the gazetteer from
// their commune) read, mapped, checked and written into a real store, as the « Importer » dialog does.
// Measures rows/s per phase and the longest main-thread block (long tasks, and a 10 ms heartbeat's
// longest gap), against Papa.parse of the same text in one synchronous call (the floor for reading).
import Papa from 'papaparse';
import { analyseImport, applyImport, existingLinks, initialChoices, Placer, readImportFile, rowsToWrite, yieldToEventLoop, zoneOfDepartement } from '../../src-renderer/core/import';
import { confirmValues } from '../../src-renderer/core/import/mapping';
import { CATEGORY_LABELS, PLATFORM_LABELS, STATUS_LABELS } from '../../src-renderer/core/labels';
import { loadGazetteer } from '../../src-renderer/map/gazetteer-loader';
import { CrisisStore } from '../../src-renderer/store/crisis-store';
import { VigieDatabase } from '../../src-renderer/store/database';
import { createCrisis, saveIdentity } from '../../src-renderer/store/registry';
import { makeInputs } from './rows';

const HEADER = 'Date;Heure;Réseau;Lien;Compte;Message;Commune;Lieu;Latitude;Longitude;Catégorie;Priorité;Statut;Assigné à;Notes';
const PRIORITY_WORDS = { P1: 'Urgence vitale', P2: 'Urgent', P3: 'Moyenne', P4: 'Info' } as const;

function two(n: number) {
  return String(n).padStart(2, '0');
}
function cell(s: string) {
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The team's table as text (then encoded to Windows-1252 bytes like Excel). */
export function teamCsv(n: number): string {
  const lines = [HEADER];
  makeInputs(n, 1182).forEach((f, i) => {
    const d = new Date(Date.parse(f.postedAt!) + 2 * 3600_000); // Paris summer time, as the team writes it
    const located = i % 2 === 0;
    lines.push(
      [
        `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`,
        `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`,
        PLATFORM_LABELS[f.platform!].fr,
        f.url!,
        f.authorHandle!,
        f.text!,
        f.communeName!,
        f.placeText!.split(',')[0],
        located ? String(f.lat).replace('.', ',') : '',
        located ? String(f.lon).replace('.', ',') : '',
        CATEGORY_LABELS[f.category!].fr.split(' (')[0],
        PRIORITY_WORDS[f.priority!],
        STATUS_LABELS[f.status!].fr,
        f.assignee ?? '',
        f.verificationNotes ?? '',
      ]
        .map(cell)
        .join(';'),
    );
  });
  return lines.join('\r\n') + '\r\n';
}

function cp1252(text: string): Uint8Array {
  const special: Record<string, number> = { '€': 0x80, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, 'œ': 0x9c, 'Œ': 0x8c };
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[i] = c < 256 ? c : (special[text[i]] ?? 0x3f);
  }
  return out;
}

export const importBench = {
  async importCsv(n: number) {
    const text = teamCsv(n);
    const bytes = cp1252(text);
    const p0 = performance.now();
    const floor = Papa.parse<string[]>(text, { delimiter: ';' }).data.length;
    const papaSyncMs = performance.now() - p0;

    const db = new VigieDatabase(`bench-import-${n}-${Date.now()}`);
    const identity = await saveIdentity(db, { name: 'Banc d’essai', organisation: 'VISOV', role: 'coordinateur' });
    const crisis = await createCrisis(db, { name: `Import ${n}`, departement: '82', hazard: 'inondation', startedAt: '2026-10-17T04:00:00.000Z' });
    const store = await CrisisStore.open(db, crisis, identity);
    await store.docReady;
    const gazetteer = await loadGazetteer();

    // Main-thread blocks while the import runs: long tasks (≥ 50 ms) and the heartbeat's longest gap.
    const tasks: { start: number; duration: number }[] = [];
    const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration }))));
    observer.observe({ type: 'longtask' });
    let last = performance.now();
    const gaps: { at: number; gap: number }[] = [];
    const beat = setInterval(() => {
      const now = performance.now();
      gaps.push({ at: now, gap: now - last });
      last = now;
    }, 10);

    const t0 = performance.now();
    const table = await readImportFile(bytes, 'equipe.csv');
    const t1 = performance.now();
    const choices = confirmValues(table, initialChoices(table.header));
    const report = await analyseImport(
      table,
      choices,
      { header: table.header, zone: zoneOfDepartement('82'), placer: new Placer(gazetteer, '82') },
      { existing: existingLinks(store.rows.values()) },
    );
    const t2 = performance.now();
    await yieldToEventLoop(); // in the app, the user reads the report and clicks
    const t2b = performance.now();
    const inputs = rowsToWrite(report, 'skip');
    const ids = await applyImport(store, inputs);
    const t3 = performance.now();
    const totalMs = t3 - t0 - (t2b - t2);
    await new Promise((r) => setTimeout(r, 100));
    clearInterval(beat);
    observer.disconnect();
    const longest = (from: number, to: number) => ({
      longTask: Math.max(0, ...tasks.filter((t) => t.start >= from && t.start < to).map((t) => t.duration)),
      heartbeatGap: Math.max(0, ...gaps.filter((g) => g.at - g.gap >= from && g.at <= to).map((g) => g.gap)),
    });
    await store.close();
    db.close();
    return {
      rows: n,
      fileBytes: bytes.byteLength,
      papaSyncMs,
      papaRows: floor,
      readMs: t1 - t0,
      analyseMs: t2 - t1,
      writeMs: t3 - t2b,
      totalMs,
      valid: report.valid.length,
      rejected: report.rejected.length,
      duplicates: report.duplicates.length,
      placed: report.placed,
      written: ids.length,
      checkRowsPerS: (n / (t2 - t0)) * 1000,
      totalRowsPerS: (ids.length / totalMs) * 1000,
      checkBlock: longest(t0, t2),
      /** Long tasks, from the start of the import (ms): where the time goes. */
      longTasks: tasks.filter((t) => t.start >= t0 - 1).map((t) => ({ at: Math.round(t.start - t0), ms: Math.round(t.duration) })),
      writeBlock: longest(t2b, t3 + 100),
    };
  },
};

declare global {
  interface Window {
    benchImport: typeof importBench;
  }
}
window.benchImport = importBench;
