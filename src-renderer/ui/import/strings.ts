// The import dialog's words, French first. Kept beside the dialog (not in i18n/fr.ts, edited by many at
// once); rejection reasons come from core/import and are French, as the issue asks.
import { useLang } from '../../i18n';

const fr = {
  button: 'Importer',
  titlePick: 'Importer un tableau',
  titleMapping: 'Correspondance des colonnes',
  titleReport: "Rapport d'import",
  intro:
    'Le tableau partagé de l’équipe : CSV d’Excel ou de LibreOffice (« ; » ou « , », UTF-8 ou Windows-1252), GeoJSON ou KML (Google Earth, Google My Maps, uMap). Rien n’est enregistré avant votre confirmation.',
  file: 'Fichier à importer',
  reading: 'Lecture du fichier…',
  analysing: 'Vérification des lignes…',
  writing: 'Enregistrement…',
  progress: 'Progression',
  summary: '« {{name}} » : {{format}}{{how}}, {{rows}} ligne(s).',
  columns: 'Colonnes',
  column: 'Colonne du fichier',
  examples: 'Exemples',
  field: 'Champ de Vigie',
  ignore: '— ignorer —',
  columnLabel: 'Colonne « {{header}} »',
  preview: 'Aperçu des premières lignes',
  line: 'Ligne',
  values: 'Valeurs de « {{field}} »',
  valueCount: '{{count}} ligne(s)',
  toConfirm: 'à confirmer',
  more: '… et {{count}} autres valeurs (devinées)',
  check: "Vérifier l'import",
  back: 'Modifier la correspondance',
  cancel: 'Annuler',
  close: 'Fermer',
  read: 'Lignes lues : {{count}}',
  valid: 'Valides : {{count}}',
  placed: 'dont {{count}} placée(s) par le répertoire des communes',
  rejected: 'Rejetées : {{count}}',
  duplicates: 'Doublons : {{count}}',
  warnings: 'Remarques : {{count}}',
  rejectedList: 'Lignes rejetées (non importées)',
  duplicatesList: 'Doublons',
  warningsList: 'Remarques (lignes importées)',
  lineItem: '{{unit}} {{line}} — {{reason}}',
  unitCsv: 'Ligne',
  unitObject: 'Objet',
  dupExisting: 'même lien qu’une remontée existante : « {{text}} »',
  dupInFile: 'même lien que la ligne {{first}} du fichier (ignorée)',
  dupSkip: 'Ignorer les doublons (recommandé)',
  dupLink: 'Les importer quand même, liés à la remontée existante',
  showAll: 'Tout afficher ({{count}})',
  importValid: 'Importer les {{count}} lignes valides',
  done: '{{count}} remontée(s) importée(s).',
  nothing: 'Aucune ligne à importer.',
};
type Strings = typeof fr;

const en: Strings = {
  button: 'Import',
  titlePick: 'Import a table',
  titleMapping: 'Column mapping',
  titleReport: 'Import report',
  intro: "The team's shared table: CSV from Excel or LibreOffice (';' or ',', UTF-8 or Windows-1252), GeoJSON or KML (Google Earth, Google My Maps, uMap). Nothing is saved before you confirm.",
  file: 'File to import',
  reading: 'Reading the file…',
  analysing: 'Checking the rows…',
  writing: 'Saving…',
  progress: 'Progress',
  summary: '“{{name}}”: {{format}}{{how}}, {{rows}} row(s).',
  columns: 'Columns',
  column: 'File column',
  examples: 'Examples',
  field: 'Vigie field',
  ignore: '— ignore —',
  columnLabel: 'Column “{{header}}”',
  preview: 'First rows',
  line: 'Row',
  values: 'Values of “{{field}}”',
  valueCount: '{{count}} row(s)',
  toConfirm: 'to confirm',
  more: '… and {{count}} more values (guessed)',
  check: 'Check the import',
  back: 'Change the mapping',
  cancel: 'Cancel',
  close: 'Close',
  read: 'Rows read: {{count}}',
  valid: 'Valid: {{count}}',
  placed: '{{count}} placed by the municipality gazetteer',
  rejected: 'Rejected: {{count}}',
  duplicates: 'Duplicates: {{count}}',
  warnings: 'Remarks: {{count}}',
  rejectedList: 'Rejected rows (not imported)',
  duplicatesList: 'Duplicates',
  warningsList: 'Remarks (rows imported)',
  lineItem: '{{unit}} {{line}} — {{reason}}',
  unitCsv: 'Row',
  unitObject: 'Object',
  dupExisting: 'same link as an existing sighting: “{{text}}”',
  dupInFile: 'same link as row {{first}} of the file (skipped)',
  dupSkip: 'Skip duplicates (recommended)',
  dupLink: 'Import them anyway, linked to the existing sighting',
  showAll: 'Show all ({{count}})',
  importValid: 'Import the {{count}} valid rows',
  done: '{{count}} sighting(s) imported.',
  nothing: 'No row to import.',
};

export type ImportText = (key: keyof Strings, vars?: Record<string, string | number>) => string;

export function useImportText(): ImportText {
  const lang = useLang();
  const strings = lang === 'en' ? en : fr;
  const locale = lang === 'en' ? 'en-GB' : 'fr-FR';
  return (key, vars) =>
    strings[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      const v = vars?.[name];
      return typeof v === 'number' ? v.toLocaleString(locale) : (v ?? '');
    });
}
