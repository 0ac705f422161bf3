import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decompound, editDistance, fold, isDutchWord, loadDutchWords, tokensOf, WordList, wordsOf } from "./dutch.ts";

describe("written Dutch for searching", () => {
  it("keeps every word of letters and digits, 'null' too, and nothing of punctuation", () => {
    expect(wordsOf("Energie-aankoop & 'OCMW' | !plan:* null")).toEqual(["energie", "aankoop", "ocmw", "plan", "null"]);
    expect(wordsOf("?! … --- ***")).toEqual([]);
    const [token] = tokensOf("  Crèche");
    expect(token).toEqual({ word: "crèche", start: 2, end: 8 });
  });

  it("folds accents, the ĳ ligature and the spellings people mix up", () => {
    expect(fold("crèche")).toBe(fold("creche"));
    expect(fold("speelplijn")).toBe(fold("speelplein"));
    expect(fold("rĳbewijs")).toBe(fold("reibewijs"));
    expect(fold("energy")).toBe("energi");
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => fold(fold(s)) === fold(s)),
      { numRuns: 2000 },
    );
  });

  it("splits compounds into words it knows, with linking letters, and leaves other words whole", () => {
    const lexicon = new Set(["wegen", "onderhoud", "plan", "afval", "inzameling", "boek", "kast", "bes"]);
    const known = (w: string) => lexicon.has(w);
    expect(decompound("wegenonderhoudsplan", known)).toEqual(["wegen", "onderhoud", "plan"]);
    expect(decompound("afvalinzameling", known)).toEqual(["afval", "inzameling"]);
    expect(decompound("boekenkast", known)).toEqual(["boek", "kast"]);
    expect(decompound("bestemming", known)).toBeNull();
    expect(decompound("onderhoud", known)).toBeNull();
    expect(decompound("pmdzakken", known, (w) => w === "pmd")).toBeNull();
    expect(
      decompound(
        "pmdzakken",
        (w) => w === "zakken",
        (w) => w === "pmd",
      ),
    ).toEqual(["pmd", "zakken"]);
  });

  it("counts edits, a swap of neighbours as one, and stops counting past the limit", () => {
    expect(editDistance("afvalinzamling", "afvalinzameling", 2)).toBe(1);
    expect(editDistance("recylagepark", "recyclagepark", 2)).toBe(1);
    expect(editDistance("genck", "gnekc", 2)).toBe(2);
    expect(editDistance("genck", "hasselt", 2)).toBe(3);
    expect(editDistance("sluikstort", "sluiksotrt", 2)).toBe(1);
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b, 20);
        return d === editDistance(b, a, 20) && d <= Math.max(a.length, b.length) && (d === 0) === (a === b);
      }),
    );
  });

  it("knows Dutch words from OpenTaal's list, inflected too, and not the typos", async () => {
    const dutch = await loadDutchWords();
    expect(dutch.size).toBeGreaterThan(100_000);
    for (const word of ["samenvoegen", "afval", "reispassen", "lonen", "gemeenten"])
      expect(isDutchWord(dutch, fold(word)), word).toBe(true);
    for (const word of ["afvalinzamling", "rijbewys", "kinderopvangg"])
      expect(isDutchWord(dutch, fold(word)), word).toBe(false);
  });

  it("holds a word list compactly and finds in it what a set of the same words finds", () => {
    // Short words of a few letters (accented and beyond one byte too), so lookups meet prefixes and neighbours.
    const word = fc.string({ unit: fc.constantFrom("a", "b", "é", "ĳ", "z", "𝔞"), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), fc.array(word, { maxLength: 30 }), (words, probes) => {
        const list = new WordList(words);
        const set = new Set(words);
        expect(list.size).toBe(set.size);
        for (const probe of [...words, ...probes, ""]) expect(list.has(probe), probe).toBe(set.has(probe));
      }),
    );
  });
});
