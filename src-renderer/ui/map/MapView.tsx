// The crisis map: every located sighting of the table's current filter, clustered on canvas, with
// the pointer's coordinates and a scale. Click a sighting to open it; in placement mode, click the
// map (or drag the marker) to place the sighting being edited.
import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { MapContainer, ScaleControl, useMap, useMapEvents } from 'react-leaflet';
import { useTranslation } from 'react-i18next';
import { formatCoordinates, type LatLon } from '../../core/geo';
import { useLang } from '../../i18n';
import type { Sighting } from '../../core/sighting';
import { SightingsLayer } from '../../map/sightings-layer';
import { basemapsFor } from '../../map/basemap/controller';
import { BasemapPanel } from './BasemapPanel';
import { CommuneLabels } from '../../map/commune-labels';
import { useGazetteer } from './CommuneSearch';
import { MapLegend } from './MapLegend';

export interface MapViewProps {
  rows: readonly Sighting[];
  selectedId: string | null;
  onOpen: (id: string) => void;
  /** Placement mode: the sighting being placed (its current position, if any). */
  placing: { id: string; at: LatLon | null } | null;
  onPlace: (at: LatLon) => void;
  children?: React.ReactNode;
}

const FRANCE: L.LatLngExpression = [46.6, 2.4];

function Sightings({ rows, selectedId, onOpen }: Pick<MapViewProps, 'rows' | 'selectedId' | 'onOpen'>) {
  const map = useMap();
  const layer = useRef<SightingsLayer | null>(null);
  const open = useRef(onOpen);
  open.current = onOpen;
  const currentLang = useLang();
  const lang = useRef(currentLang);
  lang.current = currentLang;
  useEffect(() => {
    layer.current = new SightingsLayer(map, { onOpen: (id) => open.current(id), lang: () => lang.current });
    return () => layer.current?.destroy();
  }, [map]);
  const framed = useRef(false);
  useEffect(() => {
    layer.current?.setRows(rows);
    // The first time there are located sightings, frame them: the crisis, not the whole of France.
    if (framed.current) return;
    const located = rows.filter((r) => r.lat !== null && r.lon !== null);
    if (!located.length) return;
    framed.current = true;
    map.fitBounds(L.latLngBounds(located.map((r) => [r.lat!, r.lon!] as L.LatLngTuple)).pad(0.1), { maxZoom: 13, animate: false });
  }, [rows, map]);
  useEffect(() => {
    layer.current?.setSelected(selectedId);
    const s = selectedId ? rows.find((r) => r.id === selectedId) : undefined;
    // Selecting in the table brings the sighting to the centre of the map. A zoom animation still
    // running would put its own target back when it ends: move after it.
    if (!s || s.lat === null || s.lon === null) return;
    const at: L.LatLngTuple = [s.lat, s.lon];
    const move = () => map.setView(at, Math.max(map.getZoom(), 12), { animate: false });
    if ((map as unknown as { _animatingZoom?: boolean })._animatingZoom) map.once('zoomend', move);
    else move();
    // Only a new selection moves the map, not every edit of the rows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId, map]);
  return null;
}

function Pointer() {
  const [at, setAt] = useState<LatLon | null>(null);
  useMapEvents({
    mousemove: (e) => setAt({ lat: e.latlng.lat, lon: e.latlng.lng }),
    mouseout: () => setAt(null),
  });
  return (
    <div className="map-pointer" aria-live="off" data-testid="pointer">
      {at ? formatCoordinates(at) : ''}
    </div>
  );
}

function Placement({ placing, onPlace }: Pick<MapViewProps, 'placing' | 'onPlace'>) {
  const map = useMap();
  const place = useRef(onPlace);
  place.current = onPlace;
  useMapEvents({
    click: (e) => placing && place.current({ lat: round(e.latlng.lat), lon: round(e.latlng.lng) }),
  });
  useEffect(() => {
    map.getContainer().classList.toggle('placing', !!placing);
    if (!placing?.at) return;
    // One draggable DOM marker, for the one sighting being placed.
    const icon = L.divIcon({ className: 'placing-marker', iconSize: [22, 22] });
    const marker = L.marker([placing.at.lat, placing.at.lon], { draggable: true, icon, keyboard: false }).addTo(map);
    marker.on('dragend', () => {
      const p = marker.getLatLng();
      place.current({ lat: round(p.lat), lon: round(p.lng) });
    });
    return () => void marker.remove();
  }, [map, placing]);
  return null;
}

/** The basemap (built-in underneath, a PMTiles package or online tiles above) and its chooser. */
function Basemaps() {
  const { t } = useTranslation();
  const map = useMap();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => void basemapsFor(map), [map]);
  useEffect(() => {
    // Clicks and wheel turns on the chooser must not reach the map (placement, zoom).
    if (!box.current) return;
    L.DomEvent.disableClickPropagation(box.current);
    L.DomEvent.disableScrollPropagation(box.current);
  }, []);
  return (
    <div ref={box} className="basemap-control">
      <button type="button" className="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('map.basemap')}
      </button>
      {open && <BasemapPanel map={map} />}
    </div>
  );
}

function Labels() {
  const map = useMap();
  const gazetteer = useGazetteer();
  useEffect(() => {
    if (!gazetteer) return;
    const labels = new CommuneLabels(map, gazetteer);
    return () => labels.destroy();
  }, [map, gazetteer]);
  return null;
}

/** Credits for the data the map and the commune search use (our own constant text). */
const GAZETTEER_CREDIT = 'Communes : COG INSEE (Licence Ouverte 2.0), coordonnées © GeoNames CC BY 4.0';

function Credits() {
  const map = useMap();
  useEffect(() => {
    map.attributionControl?.setPrefix(false).addAttribution(GAZETTEER_CREDIT);
    return () => void map.attributionControl?.removeAttribution(GAZETTEER_CREDIT);
  }, [map]);
  return null;
}

/** The split and the full-screen mode resize the map's box: Leaflet must be told. */
function FollowSize() {
  const map = useMap();
  useEffect(() => {
    const observer = new ResizeObserver(() => map.invalidateSize());
    observer.observe(map.getContainer());
    return () => observer.disconnect();
  }, [map]);
  return null;
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

export function MapView({ rows, selectedId, onOpen, placing, onPlace, children }: MapViewProps) {
  const { t } = useTranslation();
  return (
    <section className="map" aria-label={t('map.region')}>
      <MapContainer center={FRANCE} zoom={6} minZoom={2} maxZoom={18} preferCanvas className="map-canvas" attributionControl>
        <FollowSize />
        <Credits />
        <Basemaps />
        <Labels />
        <Sightings rows={rows} selectedId={selectedId} onOpen={onOpen} />
        <Placement placing={placing} onPlace={onPlace} />
        <ScaleControl imperial={false} position="bottomleft" />
        <Pointer />
        {children}
      </MapContainer>
      <MapLegend />
      {placing && <p className="map-hint" role="status">{t('map.placingHint')}</p>}
    </section>
  );
}
