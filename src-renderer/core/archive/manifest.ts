// The archive's manifest.json: what it lists of the crisis and of each file (archive.ts writes it,
// report.ts shows it).

export interface ArchiveCrisis {
  id: string;
  name: string;
  departement: string;
  hazard: string;
  startedAt: string;
  epoch: number;
  closed: boolean;
  closedBy?: string;
}

export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
  description: string;
}

export interface ArchiveManifest {
  format: 'vigie-archive/1';
  crisis: ArchiveCrisis & { closedByName?: string };
  exportedBy: { id: string; name: string };
  exportedAt: string;
  counts: { sightings: number; entries: number; mainCourante: number; exports: number };
  /** How the history's signatures are checked, in one sentence. */
  signatures: string;
  /** Where the main courante comes from (entries of kind `l`). */
  mainCourante: string;
  files: ManifestFile[];
}
