// How a sighting looks on the map: colour by category, a heavy red ring for P1, and the status
// read from the outline (dashed: not verified yet; grey fill: denied rumour, duplicate, archived).
import type { Category, Priority, Status } from '../core/taxonomy';

export const CATEGORY_COLOURS: Record<Category, string> = {
  secours: '#e1000f',
  victimes: '#7a0010',
  disparus: '#a94645',
  degats: '#b34000',
  routes: '#fc5d00',
  reseaux: '#6a6af4',
  alea: '#0063cb',
  evacuation: '#009081',
  solidarite: '#18753c',
  consignes: '#000091',
  rumeur: '#8d533e',
  medias: '#6e445a',
  autre: '#666666',
};

export interface MarkerStyle {
  radius: number;
  fillColor: string;
  fillOpacity: number;
  color: string;
  weight: number;
  dashArray?: string;
}

const UNVERIFIED: Status[] = ['nouveau', 'en_verification'];
const DISMISSED: Status[] = ['dementi', 'doublon', 'archive'];

export function markerStyle(category: Category, priority: Priority, status: Status, selected = false): MarkerStyle {
  const dismissed = DISMISSED.includes(status);
  return {
    radius: priority === 'P1' ? 9 : priority === 'P2' ? 7.5 : 6,
    fillColor: dismissed ? '#bbbbbb' : CATEGORY_COLOURS[category],
    fillOpacity: dismissed ? 0.6 : 0.9,
    color: selected ? '#0a76f6' : priority === 'P1' ? '#e1000f' : '#1e1e1e',
    weight: selected ? 5 : priority === 'P1' ? 3.5 : 1.2,
    dashArray: UNVERIFIED.includes(status) && !selected ? '3 3' : undefined,
  };
}

/** Clusters: size grows with the count; a red ring when one of them is P1. */
export function clusterStyle(count: number, hasP1: boolean): MarkerStyle {
  return {
    radius: Math.min(24, 10 + Math.log2(count) * 2.2),
    fillColor: '#000091',
    fillOpacity: 0.75,
    color: hasP1 ? '#e1000f' : '#ffffff',
    weight: hasP1 ? 4 : 2,
  };
}
