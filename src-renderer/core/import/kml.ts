// A KML file (Google Earth, Google My Maps, uMap): its Placemarks, read with @tmcw/togeojson (Mapbox's
// maintained converter) over @xmldom/xmldom (a standards XML parser in plain JavaScript: the same code in
// the page, in tests and in a worker; no external entity or DTD is ever fetched).
import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { ImportError } from './errors';
import { featuresToTable } from './features';
import type { SourceTable } from './table';

export function readKml(text: string): SourceTable {
  let doc: Document;
  try {
    doc = new DOMParser({ onError: (level, message) => { if (level !== 'warning') throw new Error(message); } }).parseFromString(text, 'text/xml') as unknown as Document;
  } catch (e) {
    throw new ImportError('kml', `KML illisible : le XML est mal formé (${firstLine((e as Error).message)}). Rien n’a été importé.`);
  }
  if (doc.documentElement?.nodeName.replace(/^.*:/, '').toLowerCase() !== 'kml')
    throw new ImportError('kml', 'Ce fichier XML n’est pas un KML (élément racine « kml » attendu). Rien n’a été importé.');
  const collection = kml(doc);
  if (collection.features.length === 0) throw new ImportError('empty', 'Le KML ne contient aucun repère (Placemark). Rien n’a été importé.');
  return featuresToTable('kml', collection.features);
}

function firstLine(s: string): string {
  return s.replace(/\[xmldom [^\]]*\]\s*/g, '').split('\n')[0].trim().slice(0, 120);
}
