import { feature, neighbors } from "topojson-client";
import { topology as makeTopology } from "topojson-server";
import type { GeometryCollection, Topology as LibraryTopology } from "topojson-specification";

/**
 * Boundaries in TopoJSON, read and made with the format's own libraries (topojson-client, topojson-server;
 * decision 20): polygons that share their borders as arcs, so which municipalities border each other follows
 * from the arcs they share.
 */
export interface Topology {
  type: "Topology";
  transform?: { scale: [number, number]; translate: [number, number] };
  arcs: [number, number][][];
  objects: Record<string, { type: "GeometryCollection"; geometries: TopoGeometry[] }>;
}

interface TopoGeometry {
  type: "Polygon" | "MultiPolygon" | string;
  arcs?: number[][] | number[][][];
  properties?: Record<string, unknown>;
}

export type Position = [number, number];
export interface Geometry {
  type: "Polygon" | "MultiPolygon";
  coordinates: Position[][] | Position[][][];
}

export interface Feature {
  properties: Record<string, unknown>;
  geometry: Geometry;
}

const isArea = (g: { type?: string } | null | undefined): g is Geometry =>
  g?.type === "Polygon" || g?.type === "MultiPolygon";

/** The polygons of one object of a topology, as GeoJSON geometries in the topology's coordinates. */
export function topologyFeatures(topology: Topology, objectName: string): Feature[] {
  const object = topology.objects[objectName];
  if (!object)
    throw new Error(`the topology has no object "${objectName}" (it has ${Object.keys(topology.objects).join(", ")})`);
  const areas: GeometryCollection = {
    type: "GeometryCollection",
    geometries: object.geometries.filter(isArea) as never,
  };
  const collection = feature(topology as unknown as LibraryTopology, areas);
  return collection.features.flatMap((f) =>
    isArea(f.geometry) ? [{ properties: (f.properties ?? {}) as Record<string, unknown>, geometry: f.geometry }] : [],
  );
}

/**
 * Which of these areas border each other: the pairs (by index, the lower first) that share a stretch of border.
 * The areas are made into one topology, in which a border two areas draw with the same points becomes one arc
 * that both use; two areas are neighbours when they use an arc in common (touching at a single point is not).
 */
export function neighbourPairs(areas: Geometry[]): [number, number][] {
  const topology = makeTopology({ areas: { type: "GeometryCollection", geometries: areas } as never });
  const lists = neighbors((topology.objects.areas as GeometryCollection).geometries);
  const pairs: [number, number][] = [];
  lists.forEach((list, i) => {
    for (const j of list) if (i < j) pairs.push([i, j]);
  });
  return pairs;
}
