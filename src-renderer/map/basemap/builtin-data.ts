// The data of the built-in basemap (resources/basemap, built by scripts/build-basemap.mjs; sources
// and licences in resources/basemap/LICENCE.md), loaded on demand: the dynamic imports make it a
// chunk of its own, read only when a map is first shown.
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export interface DepartementProperties {
  /** INSEE code: 01 … 95, 2A, 2B, 971 … 976. */
  code: string;
  nom: string;
}

export interface BuiltInData {
  /** Land masses (Natural Earth 1:10m). */
  land: FeatureCollection<Polygon | MultiPolygon>;
  /** Borders between countries, each drawn once. */
  countryBorders: MultiLineString;
  /** The 101 départements, with their code and name. */
  departements: FeatureCollection<Polygon | MultiPolygon, DepartementProperties>;
  /** Limits between two départements, each drawn once (coasts and national borders excluded). */
  departementBorders: MultiLineString;
}

export type WorldTopology = Topology<{ land: GeometryCollection; countries: GeometryCollection }>;
export type DepartementsTopology = Topology<{ departements: GeometryCollection<DepartementProperties> }>;

let loading: Promise<BuiltInData> | null = null;

export function loadBuiltInData(): Promise<BuiltInData> {
  loading ??= Promise.all([
    import('../../../resources/basemap/world.json'),
    import('../../../resources/basemap/departements.json'),
  ]).then(([world, deps]) => convert(moduleValue(world) as WorldTopology, moduleValue(deps) as DepartementsTopology));
  // A failed load (should not happen: the data is in the app) may be retried.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

function moduleValue(module: unknown): unknown {
  return (module as { default?: unknown }).default ?? module;
}

function asCollection<P>(value: Feature | FeatureCollection, ): FeatureCollection<Polygon | MultiPolygon, P> {
  return (value.type === 'FeatureCollection' ? value : { type: 'FeatureCollection', features: [value] }) as FeatureCollection<
    Polygon | MultiPolygon,
    P
  >;
}

export function convert(world: WorldTopology, deps: DepartementsTopology): BuiltInData {
  return {
    land: asCollection(feature(world, world.objects.land)),
    countryBorders: mesh(world, world.objects.countries, (a, b) => a !== b),
    departements: asCollection<DepartementProperties>(feature(deps, deps.objects.departements)),
    departementBorders: mesh(deps, deps.objects.departements, (a, b) => a !== b),
  };
}
