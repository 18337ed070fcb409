// Shared by the import tests: the gazetteer, a team's table as French Excel writes it, and a pipeline.
import raw from '../../../../resources/gazetteer/communes.json';
import { Gazetteer } from '../../../../src-renderer/core/gazetteer';
import { parseGazetteer } from '../../../../src-renderer/core/gazetteer-file';
import { analyseImport, existingLinks, initialChoices, Placer, readImportFile, zoneOfDepartement, type MappingChoices } from '../../../../src-renderer/core/import';
import type { SourceTable } from '../../../../src-renderer/core/import/table';

export const gazetteer = new Gazetteer(parseGazetteer(raw));

/** No waiting between slices in unit tests. */
export const noYield = () => Promise.resolve();

export const utf8 = (s: string) => new TextEncoder().encode(s);
export const withBom = (s: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(s)]);
/** Windows-1252 for the Latin-1 range (what French Excel writes for « CSV (séparateur : point-virgule) »). */
export function cp1252(s: string): Uint8Array {
  const special: Record<string, number> = { '€': 0x80, '’': 0x92, '…': 0x85, 'œ': 0x9c, 'Œ': 0x8c, '«': 0xab, '»': 0xbb };
  return Uint8Array.from([...s].map((ch) => special[ch] ?? (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 0x3f)));
}

/** A team's shared table, exported by French Excel: `;`, CRLF, French dates and decimal commas. */
export const TEAM_CSV = [
  'Date;Heure;Réseau;Lien;Compte;Message;Commune;Lieu;Latitude;Longitude;Catégorie;Priorité;Statut;Assigné à;Notes',
  '12/03/2026;14:30;Twitter;https://twitter.com/Prefet82/status/1900000000000000001?s=20;@Prefet82;Pont fermé à Moissac;Moissac;quai du Port;44,1036;1,0846;Route coupée;Urgent;Vérifié;Léa;Confirmé par le SDIS',
  '12/03/2026;15:05;Facebook;https://m.facebook.com/story.php?story_fbid=123&id=456&fbclid=abc;Jean D.;"Famille bloquée sur le toit, 2 enfants; besoin d\'aide";Montauban;;;;Demande de secours;Urgence vitale;Nouveau;;',
  '12/03/26;16h10;Instagram;https://www.instagram.com/p/ABC123/;@riverain;Hauteur d\'eau 1,20 m rue de la Paix;Castelsarrasin;rue de la Paix;;;Hauteur d\'eau;Moyenne;En cours;Marc;',
  '13/03/2026;08:00;X;https://x.com/mairie/status/1900000000000000004;@mairie;Gymnase ouvert pour les sinistrés;;Moissac, gymnase;;;Hébergement;Info;Transmis;;',
].join('\r\n');

export function context(departement = '82', statusProblem?: (s: string) => string) {
  return { zone: zoneOfDepartement(departement), placer: new Placer(gazetteer, departement), statusProblem };
}

export async function runImport(bytes: Uint8Array, name = 'equipe.csv', opts: { existing?: { id: string; url: string }[]; choices?: (t: SourceTable) => MappingChoices; departement?: string } = {}) {
  const table = await readImportFile(bytes, name, { yieldFn: noYield });
  const choices = opts.choices ? opts.choices(table) : initialChoices(table.header);
  const report = await analyseImport(table, choices, { header: table.header, ...context(opts.departement) }, { existing: existingLinks(opts.existing ?? []), yieldFn: noYield });
  return { table, choices, report };
}
