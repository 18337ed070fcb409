// The words of closing's aftermath (archive, purge of personal data), French first. Kept beside the
// feature as workflow/strings.ts is; the language follows i18next's.
import { useLang } from '../../i18n';
import { fill } from '../common/fill';

export { fill };

export const ARCHIVE_STRINGS = {
  fr: {
    exportArchive: 'Exporter l’archive',
    archiving: 'Archive en préparation…',
    archived: 'Archive enregistrée ({{files}} fichiers, {{count}} remontées) et inscrite dans l’historique des exports.',
    cancelled: 'Enregistrement annulé.',
    failed: 'Échec de l’archive : {{message}}',
  },
  en: {
    exportArchive: 'Export the archive',
    archiving: 'Preparing the archive…',
    archived: 'Archive saved ({{files}} files, {{count}} sightings) and listed in the export history.',
    cancelled: 'Save cancelled.',
    failed: 'Archive failed: {{message}}',
  },
} as const;

export type ArchiveStrings = (typeof ARCHIVE_STRINGS)['fr'] | (typeof ARCHIVE_STRINGS)['en'];

export function useArchiveStrings(): ArchiveStrings {
  return ARCHIVE_STRINGS[useLang()];
}
