import { describe, expect, it } from "vitest";
import { compare, type RegisterSlice, sizeClassOf } from "./comparison.ts";
import { inferTaskAreas } from "./task-areas.ts";

describe("task areas inferred from a collaboration's name", () => {
  it("reads what the name says, in the scheme of its country", () => {
    expect(inferTaskAreas("NL", "GGD Drenthe")).toEqual(["iv3:7"]);
    expect(inferTaskAreas("BE", "GGD Drenthe")).toEqual(["bbc:9"]);
    expect(inferTaskAreas("NL", "Belastingsamenwerking West-Brabant (BWB)")).toEqual(["iv3:0"]);
    expect(inferTaskAreas("BE", "Fluvius Limburg")).toEqual(["bbc:3"]);
    expect(inferTaskAreas("BE", "Erfgoed Limburgse Kempen")).toEqual(["bbc:7"]);
    expect(inferTaskAreas("NL", "Veiligheidsregio Drenthe")).toEqual(["iv3:1"]);
  });

  it("guesses nothing for a name that says nothing", () => {
    expect(inferTaskAreas("BE", "Hofheide")).toEqual([]);
  });
});

/** A province of municipalities a…f; each with the areas given. */
function slice(
  areas: Record<string, string[]>,
  neighbours: Record<string, string[]>,
  populations: Record<string, number | null>,
): RegisterSlice {
  const ids = Object.keys(populations);
  return {
    organisations: new Map(
      ids.map((id) => [id, { id, name: id, country: "BE", provinceId: "p", population: populations[id] ?? null }]),
    ),
    neighbours: new Map(Object.entries(neighbours)),
    areas: new Map(Object.entries(areas).map(([id, a]) => [id, new Set(a)])),
    byProvince: new Map([["p", ids]]),
  };
}

describe("comparing an organisation with its neighbours and peers", () => {
  it("names an area most neighbours share and it does not, with the counts", () => {
    const s = slice(
      { a: ["bbc:3"], b: ["bbc:3", "bbc:7"], c: ["bbc:7"], d: ["bbc:7"] },
      { a: ["b", "c", "d"] },
      { a: 5000, b: 5000, c: 5000, d: 60_000 },
    );
    const result = compare(s, "a");
    expect(result.own).toEqual(["bbc:3"]);
    expect(result.gaps).toEqual([{ area: "bbc:7", neighbours: { sharing: 3, of: 3 }, peers: { sharing: 2, of: 2 } }]);
    expect(result.peerBasis).toBe("provinceAndSize");
  });

  it("needs more than half of at least two, and never names an area it already shares", () => {
    const s = slice({ a: [], b: ["bbc:1"], c: [] }, { a: ["b", "c"] }, { a: 5000, b: 60_000, c: 60_000 });
    expect(compare(s, "a").gaps).toEqual([]);
    const one = slice({ a: [], b: ["bbc:1"] }, { a: ["b"] }, { a: 5000, b: 5000 });
    expect(compare(one, "a").gaps).toEqual([]);
  });

  it("compares with the whole province when its size is unknown", () => {
    const s = slice({ b: ["bbc:9"], c: ["bbc:9"] }, {}, { a: null, b: 5000, c: 200_000 });
    const result = compare(s, "a");
    expect(result.peerBasis).toBe("province");
    expect(result.gaps.map((g) => g.area)).toEqual(["bbc:9"]);
  });

  it("puts municipalities in size classes at 10, 20, 50 and 100 thousand", () => {
    expect([null, 9999, 10_000, 49_999, 50_000, 100_000].map(sizeClassOf)).toEqual([null, 0, 1, 2, 3, 4]);
  });
});
