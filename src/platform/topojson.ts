/** Just enough TopoJSON to read boundary files: quantized, delta-encoded arcs shared by polygons. */
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

/** The features of one object of a topology, as GeoJSON geometries in the topology's coordinates. */
export function topologyFeatures(topology: Topology, objectName: string): Feature[] {
  const object = topology.objects[objectName];
  if (!object)
    throw new Error(`the topology has no object "${objectName}" (it has ${Object.keys(topology.objects).join(", ")})`);
  const [sx, sy] = topology.transform?.scale ?? [1, 1];
  const [tx, ty] = topology.transform?.translate ?? [0, 0];
  // Each arc is decoded once: absolute positions from the delta-encoded, quantized ones.
  const arcs = topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]): Position => {
      if (topology.transform) {
        x += dx;
        y += dy;
        return [x * sx + tx, y * sy + ty];
      }
      return [dx, dy];
    });
  });
  const ring = (indexes: number[]): Position[] => {
    const points: Position[] = [];
    for (const index of indexes) {
      const arc = index < 0 ? [...(arcs[~index] ?? [])].reverse() : (arcs[index] ?? []);
      // Consecutive arcs share their joining point.
      points.push(...(points.length ? arc.slice(1) : arc));
    }
    return points;
  };
  return object.geometries
    .filter((g) => g.type === "Polygon" || g.type === "MultiPolygon")
    .map((g) => ({
      properties: g.properties ?? {},
      geometry:
        g.type === "Polygon"
          ? { type: "Polygon", coordinates: (g.arcs as number[][]).map(ring) }
          : { type: "MultiPolygon", coordinates: (g.arcs as number[][][]).map((polygon) => polygon.map(ring)) },
    }));
}
