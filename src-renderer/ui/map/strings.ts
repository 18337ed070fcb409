// Words of the map's own controls and of the place editor added with them, French first. Kept beside the
// map code (as map/basemap/strings.ts) so these pieces stay self-contained; the language follows i18next's.
import { useLang } from '../../i18n';
import { fill } from '../common/fill';

export { fill };

export const MAP_STRINGS = {
  fr: {
    centre: 'Centrer sur la sélection',
    centreHint: 'La carte ne bouge pas quand on sélectionne une remontée : ce bouton la centre dessus.',
    wholeCrisis: 'Voir toute la crise',
    wholeCrisisHint: 'Cadrer toutes les remontées localisées de la crise (quels que soient les filtres).',
    estimated: 'Position : {{coords}} (position estimée à ± {{km}} km)',
    estimatedTip: 'position estimée à ± {{km}} km',
    outside: 'Attention : {{name}} est dans le département {{dep}}, hors du département de la crise ({{crisisDep}}).',
    comboHint: '↓ ↑ pour parcourir, Entrée pour choisir (la première suggestion si aucune n’est surlignée), Échap pour fermer.',
    positionsTitle: 'Positions des communes',
    positionsHint:
      '58 % des communes ont une position estimée. Un fichier officiel (CSV : code INSEE, latitude, longitude) remplace ces positions sur cette copie de Vigie uniquement ; il n’est pas partagé.',
    positionsPick: 'Importer un fichier de positions (CSV)…',
    positionsDone: '{{count}} position(s) importée(s) depuis « {{file}} ». {{total}} commune(s) ont une position officielle sur cette copie.',
    positionsCurrent: '{{total}} commune(s) ont une position officielle sur cette copie (dernier fichier : « {{file}} »).',
    positionsReset: 'Revenir aux positions livrées',
    positionsDenied: 'Réservé aux coordinateurs et au COD.',
    positionsTooBig: 'Fichier trop volumineux pour une liste de communes (20 Mo au plus).',
    positionsFailed: 'Import refusé, rien n’a été modifié. {{reason}}',
  },
  en: {
    centre: 'Centre on the selection',
    centreHint: 'The map does not move when a sighting is selected: this button centres it there.',
    wholeCrisis: 'Show the whole crisis',
    wholeCrisisHint: 'Frame every located sighting of the crisis (whatever the filters).',
    estimated: 'Position: {{coords}} (estimated position, ± {{km}} km)',
    estimatedTip: 'estimated position, ± {{km}} km',
    outside: 'Warning: {{name}} is in département {{dep}}, outside the crisis’s département ({{crisisDep}}).',
    comboHint: '↓ ↑ to browse, Enter to choose (the first suggestion if none is highlighted), Escape to close.',
    positionsTitle: 'Municipality positions',
    positionsHint:
      '58 % of municipalities have an estimated position. An official file (CSV: INSEE code, latitude, longitude) replaces them on this copy of Vigie only; it is not shared.',
    positionsPick: 'Import a positions file (CSV)…',
    positionsDone: '{{count}} position(s) imported from “{{file}}”. {{total}} municipalities have an official position on this copy.',
    positionsCurrent: '{{total}} municipalities have an official position on this copy (last file: “{{file}}”).',
    positionsReset: 'Back to the shipped positions',
    positionsDenied: 'Coordinators and the COD only.',
    positionsTooBig: 'File too large for a list of municipalities (20 MB at most).',
    positionsFailed: 'Import refused, nothing was changed. {{reason}}',
  },
};

export type MapStrings = (typeof MAP_STRINGS)['fr'];

export function useMapStrings(): MapStrings {
  return MAP_STRINGS[useLang()];
}
