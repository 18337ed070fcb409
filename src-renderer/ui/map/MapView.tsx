// The crisis map: every located sighting of the table's current filter, clustered on canvas, with
// the pointer's coordinates and a scale. Click a sighting to open it; in placement mode, click the
// map (or drag the marker) to place the sighting being edited. Selecting a sighting never moves the
// map (a COD keeps its overview): "Centrer sur la sélection" does, "Voir toute la crise" frames every
// located sighting. A sighting placed at its commune's estimated point shows the estimate's radius.
import 'leaflet/dist/leaflet.css';
import './map.css';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { MapContainer, ScaleControl, useMap, useMapEvents } from 'react-leaflet';
import { useTranslation } from 'react-i18next';
import type { Gazetteer } from '../../core/gazetteer';
import { placementEstimate } from '../../core/commune-placement';
import { formatCoordinates, type LatLon } from '../../core/geo';
import { useLang } from '../../i18n';
import type { Sighting } from '../../core/sighting';
import { SightingsLayer } from '../../map/sightings-layer';
import { basemapsFor } from '../../map/basemap/controller';
import { BasemapPanel } from './BasemapPanel';
import { CommunePositions } from './CommunePositions';
import { CommuneLabels } from '../../map/commune-labels';
import { useGazetteer } from './CommuneSearch';
import { MapLegend } from './MapLegend';
import { useCrisisStore } from '../session';
import { fill, useMapStrings } from './strings';
import { usePaintedStages } from '../common/after-paint';

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

/** The bounds of these sightings' positions, padded, or null when none is located. */
function boundsOf(rows: Iterable<Sighting>): L.LatLngBounds | null {
  let b: L.LatLngBounds | null = null;
  for (const r of rows) {
    if (r.lat === null || r.lon === null) continue;
    if (b) b.extend([r.lat, r.lon]);
    else b = L.latLngBounds([r.lat, r.lon], [r.lat, r.lon]);
  }
  return b ? b.pad(0.1) : null;
}

function Sightings({ rows, selectedId, onOpen, gazetteer }: Pick<MapViewProps, 'rows' | 'selectedId' | 'onOpen'> & { gazetteer: Gazetteer | null }) {
  const map = useMap();
  const layer = useRef<SightingsLayer | null>(null);
  const open = useRef(onOpen);
  open.current = onOpen;
  const currentLang = useLang();
  const lang = useRef(currentLang);
  lang.current = currentLang;
  const strings = useMapStrings();
  const tip = useRef({ gazetteer, strings });
  tip.current = { gazetteer, strings };
  useEffect(() => {
    layer.current = new SightingsLayer(map, {
      onOpen: (id) => open.current(id),
      lang: () => lang.current,
      placeNote: (s) => {
        const { gazetteer: g, strings: t } = tip.current;
        const e = g ? placementEstimate(g, s) : null;
        return e ? fill(t.estimatedTip, { km: e.km }) : undefined;
      },
    });
    return () => layer.current?.destroy();
  }, [map]);
  const framed = useRef(false);
  useEffect(() => {
    layer.current?.setRows(rows);
    // The first time there are located sightings, frame them: the crisis, not the whole of France.
    if (framed.current) return;
    const bounds = boundsOf(rows);
    if (!bounds) return;
    framed.current = true;
    map.fitBounds(bounds, { maxZoom: 13, animate: false });
  }, [rows, map]);
  useEffect(() => {
    // Selecting shows the sighting as selected where it is; the view stays (see Centre).
    layer.current?.setSelected(selectedId);
  }, [selectedId, map]);
  return null;
}

/** The selected sighting's estimated placement: a circle of the estimate's radius (not interactive). */
function EstimateCircle({ sighting, gazetteer }: { sighting: Sighting | undefined; gazetteer: Gazetteer | null }) {
  const map = useMap();
  const estimate = sighting && gazetteer ? placementEstimate(gazetteer, sighting) : null;
  const key = estimate ? `${estimate.lat},${estimate.lon},${estimate.km}` : '';
  useEffect(() => {
    const container = map.getContainer();
    if (!estimate) {
      delete container.dataset.estimateKm;
      return;
    }
    const circle = L.circle([estimate.lat, estimate.lon], {
      radius: estimate.km * 1000,
      color: '#b34000',
      weight: 1.5,
      dashArray: '6 4',
      fillOpacity: 0.08,
      interactive: false,
    }).addTo(map);
    container.dataset.estimateKm = String(estimate.km);
    return () => {
      circle.remove();
      delete container.dataset.estimateKm;
    };
    // key stands for the estimate
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, key]);
  return null;
}

/** "Centrer sur la sélection" and "Voir toute la crise": the only ways the map moves by itself. */
function ViewControls({ selected }: { selected: Sighting | undefined }) {
  const map = useMap();
  const store = useCrisisStore();
  const s = useMapStrings();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    L.DomEvent.disableClickPropagation(box.current);
    L.DomEvent.disableScrollPropagation(box.current);
  }, []);
  useEffect(() => {
    // The view, for the tests and for whoever reads the map's state: centre and zoom.
    const container = map.getContainer();
    const note = () => {
      const c = map.getCenter();
      container.dataset.view = `${c.lat.toFixed(5)},${c.lng.toFixed(5)},${map.getZoom()}`;
    };
    note();
    map.on('moveend zoomend', note);
    return () => void map.off('moveend zoomend', note);
  }, [map]);
  const centre = () => {
    if (!selected || selected.lat === null || selected.lon === null) return;
    const at: L.LatLngTuple = [selected.lat, selected.lon];
    const move = () => map.setView(at, Math.max(map.getZoom(), 12), { animate: false });
    // A zoom animation still running would put its own target back when it ends: move after it.
    if ((map as unknown as { _animatingZoom?: boolean })._animatingZoom) map.once('zoomend', move);
    else move();
  };
  const whole = () => {
    const bounds = boundsOf(store.rows.values());
    if (bounds) map.fitBounds(bounds, { maxZoom: 13, animate: false });
  };
  const locatedSelection = !!selected && selected.lat !== null && selected.lon !== null;
  return (
    <div ref={box} className="map-view-controls">
      <button type="button" className="secondary" title={s.centreHint} disabled={!locatedSelection} onClick={centre}>
        {s.centre}
      </button>
      <button type="button" className="secondary" title={s.wholeCrisisHint} onClick={whole}>
        {s.wholeCrisis}
      </button>
    </div>
  );
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
      {open && <CommunePositions />}
    </div>
  );
}

function Labels({ gazetteer }: { gazetteer: Gazetteer | null }) {
  const map = useMap();
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
  const store = useCrisisStore();
  const gazetteer = useGazetteer();
  // The selected sighting as it is now (an edit of its place shows at once), filtered out or not.
  const selected = selectedId ? store.get(selectedId) : undefined;
  // The map, then its controls, then the sightings (the view framed on them), then the basemap and
  // the communes' names, each in a task of its own after a frame.
  const stage = usePaintedStages(3);
  return (
    <section className="map" aria-label={t('map.region')}>
      <MapContainer center={FRANCE} zoom={6} minZoom={2} maxZoom={18} preferCanvas className="map-canvas" attributionControl>
        <FollowSize />
        <Credits />
        {stage >= 3 && <Basemaps />}
        {stage >= 3 && <Labels gazetteer={gazetteer} />}
        {stage >= 2 && <Sightings rows={rows} selectedId={selectedId} onOpen={onOpen} gazetteer={gazetteer} />}
        {stage >= 2 && <EstimateCircle sighting={selected} gazetteer={gazetteer} />}
        {stage >= 1 && (
          <>
            <ViewControls selected={selected} />
            <Placement placing={placing} onPlace={onPlace} />
            <ScaleControl imperial={false} position="bottomleft" />
            <Pointer />
            {children}
          </>
        )}
      </MapContainer>
      <MapLegend />
      {placing && <p className="map-hint" role="status">{t('map.placingHint')}</p>}
    </section>
  );
}
