import { describe, expect, it } from "vitest";
import { conceptsOf, renderQuery, withCorrections, wordsOf } from "./search-query.ts";

const asText = {
  word: (w: string) => w,
  and: (parts: string[]) => `(${parts.join(" & ")})`,
  or: (parts: string[]) => `(${parts.join(" | ")})`,
};
const tsqueryTexts = (concepts: Parameters<typeof renderQuery>[0]) => renderQuery(concepts, asText);

describe("the catalogue's query builder", () => {
  it("reads words of letters and digits, lower-case, without punctuation or operators", () => {
    expect(wordsOf("Energie-aankoop & 'OCMW' | !plan:*")).toEqual(["energie", "aankoop", "ocmw", "plan"]);
    expect(wordsOf("Geïntegreerd  breed onthaal")).toEqual(["geïntegreerd", "breed", "onthaal"]);
    expect(wordsOf("<script>alert(1)</script>")).toEqual(["script", "alert", "1", "script"]);
    expect(wordsOf("   ")).toEqual([]);
  });

  it("applies a synonym group, the longest term first", () => {
    const groups = [
      ["ocmw", "sociaal huis"],
      ["subsidie", "toelage"],
    ];
    const concepts = conceptsOf(["sociaal", "huis", "onthaal"], groups);
    expect(concepts).toEqual([{ alternatives: [["ocmw"], ["sociaal", "huis"]] }, { alternatives: [["onthaal"]] }]);
    expect(tsqueryTexts(concepts).all).toBe("((ocmw | (sociaal & huis)) & (onthaal))");
  });

  it("adds corrections to single words and keeps short words exact", () => {
    const concepts = withCorrections(
      conceptsOf(["enrgie", "de", "ocmw"], [["ocmw", "sociaal huis"]]),
      new Map([
        ["enrgie", ["energie"]],
        ["ocmw", ["ocmw's"]],
      ]),
    );
    expect(tsqueryTexts(concepts)).toEqual({
      all: "((enrgie | energie) & (de) & (ocmw | (sociaal & huis)))",
      any: "((enrgie | energie) | (de) | (ocmw | (sociaal & huis)))",
    });
  });
});
