/**
 * Turns what someone typed into the parts of a Dutch full-text query. Pure, so it is tested on its own.
 *
 * Each word becomes a concept; a concept matches when any of its alternatives does: the word itself, a correction
 * of a typo (from the catalogue's own words), or, when the words of a synonym group appear in the query, every term
 * of that group (OCMW ↔ sociaal huis). How a word becomes an operand is up to the caller (see search.ts).
 */

/** Lower-case words of letters and digits, in order; at most 12. */
export function wordsOf(text: string): string[] {
  return (
    text
      .normalize("NFC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, 12) ?? []
  );
}

export interface Concept {
  /** Alternatives; each is a list of words that must all match. */
  alternatives: string[][];
}

/** Groups the words into concepts, with synonym groups (each term lower-case, maybe several words) applied. */
export function conceptsOf(words: string[], synonymGroups: string[][]): Concept[] {
  const groups = synonymGroups.map((terms) => terms.map(wordsOf).filter((t) => t.length > 0));
  const concepts: Concept[] = [];
  let i = 0;
  while (i < words.length) {
    let matched: { length: number; group: string[][] } | null = null;
    for (const group of groups) {
      for (const term of group) {
        const fits = term.length > 0 && term.every((w, k) => words[i + k] === w);
        if (fits && (!matched || term.length > matched.length)) matched = { length: term.length, group };
      }
    }
    if (matched) {
      concepts.push({ alternatives: matched.group });
      i += matched.length;
    } else {
      concepts.push({ alternatives: [[words[i] as string]] });
      i++;
    }
  }
  return concepts;
}

/** Adds typo corrections (word → similar words of the catalogue) as alternatives of single-word concepts. */
export function withCorrections(concepts: Concept[], corrections: Map<string, string[]>): Concept[] {
  return concepts.map((concept) => {
    const [only] = concept.alternatives;
    if (concept.alternatives.length !== 1 || only?.length !== 1) return concept;
    const extra = (corrections.get(only[0] as string) ?? []).filter((c) => c !== only[0]);
    return { alternatives: [only, ...extra.map((c) => [c])] };
  });
}

/** How to write a query: an operand per word, and how to join operands with "and" and "or". */
export interface QueryAlgebra<T> {
  word(word: string): T;
  and(parts: T[]): T;
  or(parts: T[]): T;
}

/** The query matching every concept (`all`) and any concept (`any`), written with the given algebra. */
export function renderQuery<T>(concepts: Concept[], algebra: QueryAlgebra<T>): { all: T; any: T } {
  const parts = concepts.map((concept) =>
    algebra.or(
      concept.alternatives.map((alt) =>
        alt.length === 1 ? algebra.word(alt[0] as string) : algebra.and(alt.map(algebra.word)),
      ),
    ),
  );
  return { all: algebra.and(parts), any: algebra.or(parts) };
}
