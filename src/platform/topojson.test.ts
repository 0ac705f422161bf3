import { describe, expect, it } from "vitest";
import { type Geometry, neighbourPairs, type Topology, topologyFeatures } from "./topojson.ts";

describe("reading TopoJSON", () => {
  it("decodes quantized, delta-encoded arcs shared by two polygons, one of them reversed", () => {
    const topology: Topology = {
      type: "Topology",
      transform: { scale: [0.5, 0.5], translate: [10, 20] },
      // arc 0: the shared edge (0,0)→(0,2); arc 1: the left square's rest; arc 2: the right square's rest
      arcs: [
        [
          [0, 0],
          [0, 2],
        ],
        [
          [0, 2],
          [-2, 0],
          [0, -2],
          [2, 0],
        ],
        [
          [0, 0],
          [2, 0],
          [0, 2],
          [-2, 0],
        ],
      ],
      objects: {
        squares: {
          type: "GeometryCollection",
          geometries: [
            { type: "Polygon", arcs: [[0, 1]], properties: { code: "L" } },
            { type: "MultiPolygon", arcs: [[[2, ~0]]], properties: { code: "R" } },
          ],
        },
      },
    };
    const [left, right] = topologyFeatures(topology, "squares");
    expect(left?.properties).toEqual({ code: "L" });
    expect(left?.geometry).toEqual({
      type: "Polygon",
      coordinates: [
        [
          [10, 20],
          [10, 21],
          [9, 21],
          [9, 20],
          [10, 20],
        ],
      ],
    });
    expect(right?.geometry).toEqual({
      type: "MultiPolygon",
      coordinates: [
        [
          [
            [10, 20],
            [11, 20],
            [11, 21],
            [10, 21],
            [10, 20],
          ],
        ],
      ],
    });
  });

  it("names the objects it has when asked for one it has not", () => {
    expect(() =>
      topologyFeatures(
        { type: "Topology", arcs: [], objects: { a: { type: "GeometryCollection", geometries: [] } } },
        "b",
      ),
    ).toThrow('the topology has no object "b" (it has a)');
  });

  it("finds the areas that share a stretch of border, not those that touch at a corner or stand apart", () => {
    const square = (x: number, y: number): Geometry => ({
      type: "Polygon",
      coordinates: [
        [
          [x, y],
          [x + 1, y],
          [x + 1, y + 1],
          [x, y + 1],
          [x, y],
        ],
      ],
    });
    // 0 and 1 share an edge; 2 touches 1 at a corner only; 3 is an island; 4 is a multipolygon sharing 0's edge.
    const island: Geometry = square(10, 10);
    const twoParts: Geometry = {
      type: "MultiPolygon",
      coordinates: [
        square(0, -1).coordinates as [number, number][][],
        square(20, 20).coordinates as [number, number][][],
      ],
    };
    expect(neighbourPairs([square(0, 0), square(1, 0), square(2, 1), island, twoParts])).toEqual([
      [0, 1],
      [0, 4],
    ]);
  });
});
