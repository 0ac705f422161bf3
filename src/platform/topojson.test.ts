import { describe, expect, it } from "vitest";
import { type Topology, topologyFeatures } from "./topojson.ts";

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
});
