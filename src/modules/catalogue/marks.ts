/**
 * Marking where a result matched: each text an entry shows is read once for its words and the keys they match
 * through, and every search that shows it marks the words whose keys it matched.
 */
import { fold, tokensOf } from "../../platform/search/dutch.ts";
import type { CatalogueIndex, Stem } from "./search-index.ts";

/** The keys a word matches through, its own and its parts', each once. */
export function wordKeys(own: string | null, parts: string[], stem: Stem): readonly string[] {
  return [...new Set([own, ...parts.map(stem)].filter((key): key is string => key !== null))];
}

/** The keys a word matches through: its own and its parts' (kept in the index for the catalogue's own words). */
function keysOfWord(index: CatalogueIndex, stem: Stem, word: string): readonly string[] {
  const known = index.keysByWord.get(word);
  if (known) return known;
  const folded = fold(word);
  return wordKeys(index.words.get(folded) ?? stem(folded), index.splitter.all(folded) ?? [], stem);
}

/**
 * A text as a search marks it: its words (where each starts and ends in the NFC text, in pairs) and the keys each
 * matches through. Plain arrays of small numbers: a typed array costs more than the numbers in a short text.
 */
export interface MarkableText {
  text: string;
  bounds: number[];
  keys: (readonly string[])[];
}

/** A text read for marking, once per entry: every search that shows it marks it as read. */
export function markableText(index: CatalogueIndex, stem: Stem, text: string): MarkableText {
  const tokens = tokensOf(text);
  const bounds: number[] = [];
  const keys: (readonly string[])[] = [];
  for (const token of tokens) {
    bounds.push(token.start, token.end);
    keys.push(keysOfWord(index, stem, token.word));
  }
  return { text: text.normalize("NFC"), bounds, keys };
}

/**
 * A text with the words that matched between `start` and `end` marks, and whether any did. With `around`, only
 * that many words from a little before the first match (an excerpt), with "…" where text was left out.
 */
export function markText(
  shown: MarkableText,
  matched: Set<string>,
  marks: { start: string; end: string },
  around?: number,
): { text: string; marked: boolean } {
  const { text, bounds, keys } = shown;
  const count = keys.length;
  const hit = (i: number) => (keys[i] as readonly string[]).some((key) => matched.has(key));
  let from = 0;
  let to = count;
  if (around !== undefined) {
    let first = 0;
    while (first < count && !hit(first)) first++;
    from = Math.max(0, (first < count ? first : 0) - 6);
    to = Math.min(count, from + around);
  }
  const begin = from > 0 ? (bounds[2 * from] ?? 0) : 0;
  const finish = to < count ? (bounds[2 * to - 1] ?? text.length) : text.length;
  let out = "";
  let at = begin;
  let marked = false;
  for (let i = from; i < to; i++) {
    if (!hit(i)) continue;
    marked = true;
    const start = bounds[2 * i] as number;
    const end = bounds[2 * i + 1] as number;
    out += `${text.slice(at, start)}${marks.start}${text.slice(start, end)}${marks.end}`;
    at = end;
  }
  out += text.slice(at, finish);
  return { text: `${from > 0 ? "… " : ""}${out.trim()}${to < count ? " …" : ""}`, marked };
}
