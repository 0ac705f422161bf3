import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fold, tokensOf, wordsOf } from "../../platform/search/dutch.ts";
import { markableText, markText } from "./marks.ts";
import { buildIndex, type CatalogueIndex, type IndexableEntry, type Stem, vocabularyOf } from "./search-index.ts";

// A stand-in for the Dutch stemmer: stop words have no key, others are keyed by their first five letters.
const stop = new Set(["de", "het", "een", "van", "en"]);
const stem: Stem = (folded) => (stop.has(folded) ? null : folded.slice(0, 5));
const marks = { start: "[", end: "]" };

/** Marking as it was done before texts were kept: every word folded, looked up and split on every search. */
function markedWordByWord(
  index: CatalogueIndex,
  matched: Set<string>,
  written: string,
  around?: number,
): { text: string; marked: boolean } {
  const text = written.normalize("NFC");
  const tokens = tokensOf(text);
  const hits = tokens.map((t) => {
    const folded = fold(t.word);
    const key = index.words.get(folded) ?? stem(folded);
    if (key && matched.has(key)) return true;
    return (index.splitter.all(folded) ?? []).some((part) => {
      const partKey = stem(part);
      return partKey !== null && matched.has(partKey);
    });
  });
  let from = 0;
  let to = tokens.length;
  if (around !== undefined) {
    from = Math.max(0, Math.max(0, hits.indexOf(true)) - 6);
    to = Math.min(tokens.length, from + around);
  }
  const begin = from > 0 ? (tokens[from]?.start ?? 0) : 0;
  const finish = to < tokens.length ? (tokens[to - 1]?.end ?? text.length) : text.length;
  let out = "";
  let at = begin;
  for (let i = from; i < to; i++) {
    const token = tokens[i] as { start: number; end: number };
    if (!hits[i]) continue;
    out += `${text.slice(at, token.start)}${marks.start}${text.slice(token.start, token.end)}${marks.end}`;
    at = token.end;
  }
  out += text.slice(at, finish);
  return {
    text: `${from > 0 ? "… " : ""}${out.trim()}${to < tokens.length ? " …" : ""}`,
    marked: hits.slice(from, to).some(Boolean),
  };
}

const words = [
  "afval",
  "container",
  "afvalcontainer",
  "Crèche",
  "cre\u0300che",
  "kinderopvang",
  "opvang",
  "kinder",
  "de",
  "het",
  "Sporthal",
  "sport",
  "hal",
  "ijs",
  "Ĳzer",
  "zwembad",
  "bad",
];
const text = fc
  .array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 6 })), { maxLength: 40 })
  .map((w) => w.join(" "));

describe("marking a result", () => {
  it("marks the same words in a text read once as word by word, whole and as an excerpt", () => {
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 6 }),
        text,
        fc.array(fc.constantFrom(...words), { maxLength: 3 }),
        fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
        (answers, other, query, around) => {
          const entries: IndexableEntry[] = answers.map((answer, i) => ({
            id: String(i),
            question: answer.split(" ").reverse().join(" "),
            answer,
            tags: [],
            synonyms: [],
            theme: "Thema",
            service: null,
            conditions: null,
            price: null,
          }));
          const lexicon = {
            dutch: new Set(["afval", "container", "kinder", "opvang", "sport", "hal", "zwem", "bad"]),
            thesaurus: new Set<string>(),
          };
          const index = buildIndex(entries, vocabularyOf(entries, lexicon), stem, lexicon);
          const matched = new Set(query.map((w) => stem(fold(w))).filter((k): k is string => k !== null));
          // The catalogue's own texts, and one it has never seen (its words found the slow way).
          for (const shown of [other, ...answers]) {
            expect(markText(markableText(index, stem, shown), matched, marks, around)).toEqual(
              markedWordByWord(index, matched, shown, around),
            );
          }
          // The catalogue's own words are kept in the index with their keys.
          for (const answer of answers)
            for (const word of wordsOf(answer)) expect(index.keysByWord.has(word)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
