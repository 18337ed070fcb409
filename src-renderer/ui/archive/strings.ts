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
    purge: 'Purger les données personnelles…',
    purgeTitle: 'Purger les données personnelles',
    purgeIntro:
      'La purge supprime définitivement des données personnelles de cette crise close, sur cette copie et chez chaque membre : du registre, de l’historique de synchronisation et de tout ce qui sera partagé ensuite. La crise passe à une nouvelle clé. Exportez l’archive avant si elle doit les garder.',
    retention: 'Données conservées jusqu’au',
    retentionHint: 'Durée de conservation fixée par le coordinateur : la purge n’est possible qu’après cette date.',
    always: 'Toujours supprimés : pseudonymes des auteurs, liens des publications (ils nomment leur auteur), liens des médias, notes de vérification privées, notes et liens des étapes de vérification.',
    texts: 'Textes des publications (citoyens)',
    textsKeep: 'Les garder',
    textsAll: 'Supprimer tous les textes',
    textsMarked: 'Supprimer le texte des remontées cochées dans le tableau ({{count}})',
    preview: '{{count}} entrée(s) du registre seront réécrites sans ces données.',
    understand: 'J’ai compris : ces données seront supprimées définitivement, pour tous les membres, et ne pourront pas être restaurées.',
    confirm: 'Purger définitivement',
    purging: 'Purge en cours : signature, envoi aux membres, puis réécriture de la base locale…',
    purgeFailed: 'Échec de la purge : {{message}}',
    purged: 'Données personnelles purgées par {{name}} le {{date}} ({{count}} entrée(s) expurgée(s)).',
  },
  en: {
    exportArchive: 'Export the archive',
    archiving: 'Preparing the archive…',
    archived: 'Archive saved ({{files}} files, {{count}} sightings) and listed in the export history.',
    cancelled: 'Save cancelled.',
    failed: 'Archive failed: {{message}}',
    purge: 'Purge personal data…',
    purgeTitle: 'Purge personal data',
    purgeIntro:
      'The purge permanently removes personal data from this closed crisis, on this copy and on every member’s: from the record, from the sync history and from everything shared afterwards. The crisis moves to a new key. Export the archive first if it must keep them.',
    retention: 'Data kept until',
    retentionHint: 'Retention set by the coordinator: the purge is possible only after this date.',
    always: 'Always removed: authors’ handles, post links (they name their author), media links, private verification notes, notes and links of verification steps.',
    texts: 'Post texts (citizens)',
    textsKeep: 'Keep them',
    textsAll: 'Remove every text',
    textsMarked: 'Remove the text of the sightings ticked in the table ({{count}})',
    preview: '{{count}} record entries will be rewritten without these data.',
    understand: 'I understand: these data will be removed for good, for every member, and cannot be restored.',
    confirm: 'Purge for good',
    purging: 'Purging: signing, sending to members, then rewriting the local database…',
    purgeFailed: 'Purge failed: {{message}}',
    purged: 'Personal data purged by {{name}} on {{date}} ({{count}} entries redacted).',
  },
} as const;

export type ArchiveStrings = (typeof ARCHIVE_STRINGS)['fr'] | (typeof ARCHIVE_STRINGS)['en'];

export function useArchiveStrings(): ArchiveStrings {
  return ARCHIVE_STRINGS[useLang()];
}
