// The archive of the open crisis (adapter around core/archive): reads the record from the store,
// saves the zip through the platform (desktop: dialog; web: a download), then records it in the
// crisis like any file that leaves Vigie (entry `o`, allowed while the crisis is closed).
import { buildArchive, sha256Hex, type Archive } from '../../core/archive/archive';
import { LOG_TYPE_LABELS } from '../../core/main-courante-entry';
import { platform } from '../../platform';
import { describeLine } from '../main-courante/describe';
import { lookupsOf } from '../main-courante/lookups';
import { MAIN_COURANTE_STRINGS } from '../main-courante/strings';
import type { CrisisStore } from '../../store/crisis-store';

export async function archiveOf(store: CrisisStore, now = Date.now()): Promise<Archive> {
  const info = store.state.info;
  const c = store.crisis;
  const look = lookupsOf(store);
  return buildArchive({
    crisis: {
      id: c.id,
      name: info?.name ?? c.name,
      departement: info?.departement ?? c.departement,
      hazard: info?.hazard ?? c.hazard,
      startedAt: info?.startedAt ?? c.startedAt,
      epoch: c.epoch ?? 0,
      closed: !!info?.closed,
      ...(info?.closedBy ? { closedBy: info.closedBy } : {}),
    },
    rows: [...store.state.rows.values()],
    journal: await store.history(),
    memberName: (id) => store.member(id)?.name || id.slice(0, 12),
    exportedBy: { id: store.me.id, name: store.me.name },
    exportedAt: now,
    // The archive is read by the prefecture: in French, whatever the interface's language.
    mainCourante: store.state.log.lines().map((line) => ({
      id: line.id,
      at: line.at,
      author: line.author,
      type: LOG_TYPE_LABELS[line.type].fr,
      text: describeLine(line, look, MAIN_COURANTE_STRINGS.fr, 'fr'),
      ...(line.fix ? { fix: line.fix } : {}),
    })),
  });
}

/** Builds, saves and records the archive; false when the user cancelled the save. */
export async function saveArchive(store: CrisisStore): Promise<{ saved: boolean; archive: Archive }> {
  const archive = await archiveOf(store);
  const saved = await platform.saveFile({ suggestedName: archive.name, data: archive.bytes, mime: 'application/zip' });
  if (saved)
    await store.recordOutput({ format: 'archive-zip', scope: 'restricted', count: archive.manifest.counts.sightings, sha256: await sha256Hex(archive.bytes), name: archive.name });
  return { saved, archive };
}
