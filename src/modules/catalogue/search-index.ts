/**
 * The catalogue's search index and its ranking, pure so they are tested and measured on their own (see search.ts
 * for where the index is built and kept, and decision 8 for why it lives in memory).
 *
 * Every word is folded (accents, ei/ij) and stemmed with PostgreSQL's Dutch stemmer (Snowball). Compounds are split
 * against a lexicon (the catalogue's own words, OpenTaal's Dutch word list and the thesaurus): "afvalinzameling" is
 * also indexed as "afval" and "inzameling", and a query's "wegenonderhoudsplan" also looks for "wegen", "onderhoud"
 * and "plan". An entry's score for a query is BM25F: per word, its inverse document frequency times its weighted
 * frequency in the entry's fields (question 3, tags 2, theme 1.5, answer 1, offer 0.8), saturating, summed over the
 * query's concepts. A concept is a word of the query (stop words dropped) or a phrase of the thesaurus; it matches
 * through the word itself (1), its words starting with it (0.6), a phrase of the same thesaurus group (0.85), the
 * parts of a compound (0.8), or, only for a word that is neither in the catalogue nor Dutch, its nearest spellings
 * in the catalogue (0.8, less per edit). Matching more of the query's concepts raises the score.
 */

import {
  allowedEdits,
  decompound,
  editDistance,
  fold,
  isDutchWord,
  tokensOf,
  type Words,
  wordsOf,
} from "../../platform/search/dutch.ts";
import { wordKeys } from "./marks.ts";

export interface IndexableEntry {
  id: string;
  question: string;
  answer: string;
  theme: string;
  service: string | null;
  conditions: string | null;
  price: string | null;
  tags: string[];
  synonyms: string[];
}

export const fields = ["question", "tags", "theme", "answer", "offer"] as const;
export type Field = (typeof fields)[number];
const fieldWeight: Record<Field, number> = { question: 3, tags: 2, theme: 1.5, answer: 1, offer: 0.8 };
/** A part of a compound counts as half an occurrence of the part. */
const partWeight = 0.5;
const k1 = 1.2;
const b = 0.6;

const weights = { exact: 1, prefix: 0.6, synonym: 0.85, parts: 0.8, typo: 0.8, dutchTypo: 0.4, typoPerEdit: 0.1 };
/** At most this many words of a query count (after stop words are dropped). */
export const maxQueryWords = 32;

/** Answer text without Markdown's marks, for the index and for excerpts. */
export const plainText = (markdown: string) => markdown.replace(/\]\([^)]*\)|[*_#>`[\]]/g, "");

export function textsOf(entry: IndexableEntry): Record<Field, string> {
  return {
    question: entry.question,
    tags: [...entry.tags, ...entry.synonyms].join(" · "),
    theme: entry.theme,
    answer: plainText(entry.answer),
    offer: [entry.service, entry.conditions, entry.price].filter(Boolean).join(" · "),
  };
}

/** The key a folded word is indexed under: its Dutch stem, or null for a stop word. */
export type Stem = (folded: string) => string | null;

/** The words known besides the catalogue's own, for splitting compounds and telling typos from Dutch words. */
export interface Lexicon {
  dutch: Words;
  /** Folded words of the thesaurus. */
  thesaurus: ReadonlySet<string>;
}

/** A catalogue's vocabulary: every folded word, and how those of seven letters or more split. */
export function vocabularyOf(entries: IndexableEntry[], lexicon: Lexicon) {
  const words = new Set<string>();
  const spelled = new Map<string, string>();
  const folds = new Map<string, string>();
  // Each entry's fields as folded words, read once for the vocabulary and the index.
  const texts = entries.map((entry) => {
    const byField = textsOf(entry);
    return fields.map((field) =>
      wordsOf(byField[field]).map((word) => {
        let folded = folds.get(word);
        if (folded === undefined) {
          folded = fold(word);
          folds.set(word, folded);
          words.add(folded);
          if (!spelled.has(folded)) spelled.set(folded, word);
        }
        return folded;
      }),
    );
  });
  const splitter = compoundSplitter(words, lexicon);
  const parts = new Map<string, string[]>();
  for (const word of words) {
    const split = splitter.all(word);
    if (split) parts.set(word, split);
  }
  return { words, spelled, parts, splitter, texts, folds };
}

/** Splits a folded word into its parts (`top`: the fewest; `all`: every level), against the catalogue and lexicon. */
export function compoundSplitter(words: ReadonlySet<string>, lexicon: Lexicon) {
  const known = (part: string) => words.has(part) || lexicon.dutch.has(part) || lexicon.thesaurus.has(part);
  const short = (part: string) => words.has(part) || lexicon.thesaurus.has(part);
  const cache = new Map<string, string[] | null>();
  const top = (word: string): string[] | null => {
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    const found = decompound(word, known, short);
    cache.set(word, found);
    return found;
  };
  const all = (word: string): string[] | null => {
    const parts = top(word);
    return parts ? parts.flatMap((part) => [part, ...(all(part) ?? [])]) : null;
  };
  return { top, all };
}

/** The entries a key occurs in, with its BM25F score in each. */
interface Posting {
  entries: Int32Array;
  scores: Float64Array;
}

export interface CatalogueIndex {
  entries: IndexableEntry[];
  postings: Map<string, Posting>;
  /** How rare each key is: its inverse document frequency. */
  idf: Map<string, number>;
  /** Every key, sorted, for matching the start of words. */
  keys: string[];
  /** Every folded word of the catalogue and the key it is indexed under. */
  words: Map<string, string | null>;
  /** How each folded word is written in the catalogue. */
  spelled: Map<string, string>;
  splitter: ReturnType<typeof compoundSplitter>;
  lexicon: Lexicon;
  /**
   * Each word of the catalogue as written (lower case) and the keys it matches through, its own and its parts':
   * what marking a result looks up, so a search does not fold and split the words of every text it shows.
   */
  keysByWord: Map<string, readonly string[]>;
}

/** Builds the index; every folded word of the vocabulary and its parts must have a stem in `stem`. */
export function buildIndex(
  entries: IndexableEntry[],
  vocabulary: ReturnType<typeof vocabularyOf>,
  stem: Stem,
  lexicon: Lexicon,
): CatalogueIndex {
  const counts: Map<string, number>[][] = [];
  const lengths: number[][] = [];
  const total = fields.map(() => 0);
  for (const texts of vocabulary.texts) {
    const perField = texts.map((words, f) => {
      const tf = new Map<string, number>();
      let length = 0;
      for (const folded of words) {
        const key = stem(folded);
        if (!key) continue;
        length++;
        tf.set(key, (tf.get(key) ?? 0) + 1);
        for (const part of vocabulary.parts.get(folded) ?? []) {
          const partKey = stem(part);
          if (partKey && partKey !== key) tf.set(partKey, (tf.get(partKey) ?? 0) + partWeight);
        }
      }
      total[f] = (total[f] as number) + length;
      return { tf, length };
    });
    counts.push(perField.map((p) => p.tf));
    lengths.push(perField.map((p) => p.length));
  }
  const n = entries.length;
  const average = total.map((t) => Math.max(1, t / Math.max(1, n)));
  const frequencies = new Map<string, Map<number, number>>();
  counts.forEach((perField, e) => {
    perField.forEach((tf, f) => {
      const norm = 1 - b + (b * (lengths[e]?.[f] as number)) / (average[f] as number);
      const weight = fieldWeight[fields[f] as Field];
      for (const [key, count] of tf) {
        const byEntry = frequencies.get(key) ?? new Map<number, number>();
        frequencies.set(key, byEntry);
        byEntry.set(e, (byEntry.get(e) ?? 0) + (weight * count) / norm);
      }
    });
  });
  const postings = new Map<string, Posting>();
  const rarity = new Map<string, number>();
  for (const [key, byEntry] of frequencies) {
    const df = byEntry.size;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    rarity.set(key, idf);
    const entries = new Int32Array(byEntry.size);
    const scores = new Float64Array(byEntry.size);
    let i = 0;
    for (const [entry, tf] of byEntry) {
      entries[i] = entry;
      scores[i] = (idf * tf * (k1 + 1)) / (k1 + tf);
      i++;
    }
    postings.set(key, { entries, scores });
  }
  const words = new Map<string, string | null>();
  for (const word of vocabulary.words) words.set(word, stem(word));
  const keysOfFolded = new Map<string, readonly string[]>();
  for (const folded of vocabulary.words)
    keysOfFolded.set(folded, wordKeys(words.get(folded) ?? null, vocabulary.parts.get(folded) ?? [], stem));
  const keysByWord = new Map<string, readonly string[]>();
  for (const [word, folded] of vocabulary.folds) keysByWord.set(word, keysOfFolded.get(folded) ?? []);
  return {
    entries,
    postings,
    idf: rarity,
    keys: [...postings.keys()].sort(),
    words,
    spelled: vocabulary.spelled,
    splitter: vocabulary.splitter,
    lexicon,
    keysByWord,
  };
}

/** One way a concept can match: slots that should all match, each through any of its keys or as a concept. */
interface Option {
  weight: number;
  slots: (Map<string, number> | Concept)[];
  /** How many slots must match (all of a synonym phrase; one by default). */
  required?: number;
}

export interface Concept {
  /** The words of the query it stands for. */
  words: string[];
  options: Option[];
}

/** The folded words a query needs stems for: its own, their parts, and the thesaurus phrases they may match. */
export function wordsToStem(query: string[], index: CatalogueIndex, groups: string[][]): string[] {
  const words = new Set<string>();
  for (const word of query) {
    const folded = fold(word);
    words.add(folded);
    for (const part of index.splitter.all(folded) ?? []) words.add(part);
    const participle = participleOf(folded);
    if (participle) {
      words.add(participle);
      for (const part of index.splitter.all(participle) ?? []) words.add(part);
    }
  }
  for (const word of groupWordsOf(groups)) words.add(word);
  return [...words];
}

/** The folded words of synonym groups, read once per set of groups (a loaded index keeps its own). */
const groupWords = new WeakMap<string[][], readonly string[]>();
export function groupWordsOf(groups: string[][]): readonly string[] {
  let words = groupWords.get(groups);
  if (!words) {
    words = [...new Set(groups.flatMap((group) => group.flatMap((term) => tokensOf(term).map((t) => fold(t.word)))))];
    groupWords.set(groups, words);
  }
  return words;
}

/** The catalogue's word nearest in spelling to a whole search (a typo of one word), or null. */
export function nearestWord(index: CatalogueIndex, query: string): string | null {
  const folded = fold(query);
  const max = allowedEdits(folded.length);
  let best: { word: string; edits: number } | null = null;
  for (const word of index.words.keys()) {
    const edits = editDistance(folded, word, max);
    if (edits > 0 && edits <= max && (!best || edits < best.edits)) best = { word, edits };
  }
  return best ? (index.spelled.get(best.word) ?? best.word) : null;
}

/** The rarest word of a text in the catalogue (what it is most about), as written there, or null. */
export function rarestWord(index: CatalogueIndex, text: string, except: string[] = []): string | null {
  let best: { word: string; idf: number } | null = null;
  for (const { word } of tokensOf(text)) {
    const key = index.words.get(fold(word));
    const idf = key ? (index.idf.get(key) ?? 0) : 0;
    if (idf > 0 && !except.includes(word) && (!best || idf > best.idf)) best = { word, idf };
  }
  return best?.word ?? null;
}

/** The keys starting with a key (four letters or more), for words typed in part or compounds in the entries. */
function keysStartingWith(index: CatalogueIndex, key: string): string[] {
  if (key.length < 4) return [];
  let low = 0;
  let high = index.keys.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((index.keys[middle] as string) < key) low = middle + 1;
    else high = middle;
  }
  const found: string[] = [];
  for (let i = low; i < index.keys.length && found.length < 64; i++) {
    const candidate = index.keys[i] as string;
    if (!candidate.startsWith(key)) break;
    if (candidate !== key) found.push(candidate);
  }
  return found;
}

/** A slot of keys; with `prefix`, also the keys starting with them (for a word of the query typed in part). */
function slotOf(index: CatalogueIndex, keys: Map<string, number>, prefix = false): Map<string, number> {
  const slot = new Map<string, number>();
  const add = (key: string, weight: number) => {
    if (index.postings.has(key) && weight > (slot.get(key) ?? 0)) slot.set(key, weight);
  };
  for (const [key, weight] of keys) {
    add(key, weight);
    if (prefix) for (const longer of keysStartingWith(index, key)) add(longer, weight * weights.prefix);
  }
  return slot;
}

/** The nearest spellings in the catalogue of a word that is neither the catalogue's nor Dutch. */
function corrections(index: CatalogueIndex, folded: string): { key: string; edits: number }[] {
  const max = allowedEdits(folded.length);
  if (!max) return [];
  const found: { key: string; edits: number }[] = [];
  for (const [word, key] of index.words) {
    if (!key) continue;
    const edits = editDistance(folded, word, max);
    if (edits <= max) found.push({ key, edits });
  }
  return found.sort((x, y) => x.edits - y.edits).slice(0, 4);
}

/**
 * The concepts of a query: each word, or phrase of a thesaurus group, with the ways it can match. `groups` are the
 * thesaurus's and the catalogue's own; `stem` must know every word `wordsToStem` listed.
 */
export function conceptsOf(query: string[], index: CatalogueIndex, groups: string[][], stem: Stem): Concept[] {
  const keysOf = (text: string) =>
    tokensOf(text)
      .map((t) => stem(fold(t.word)))
      .filter((k): k is string => k !== null);
  return conceptsIn(query, index, phrasesOf(groups, keysOf), stem, 0);
}

const phraseCache = new WeakMap<string[][], string[][][]>();
/** The thesaurus groups as phrases of keys; the groups of a loaded index are the same array, so this is kept. */
function phrasesOf(groups: string[][], keysOf: (text: string) => string[]) {
  let phrases = phraseCache.get(groups);
  if (!phrases) {
    phrases = groups.map((group) => group.map(keysOf).filter((keys) => keys.length > 0));
    phraseCache.set(groups, phrases);
  }
  return phrases;
}

/**
 * Words of questions that PostgreSQL's Dutch stop words lack but that say nothing about what is asked: pronouns,
 * question words and the verbs questions are built with. A word repeated in a query also counts once.
 */
const questionWords = new Set(
  "we wij onze ons jullie uw hun welke welk waarom wanneer waar hoe wat wie kunnen moeten mogen willen zullen kan kun moet mag wil zal graag best even nu er iets iemand dus".split(
    " ",
  ),
);

/** A past participle's verb: "gehackt" → "hack", "gemaaid" → "maai". */
export const participleOf = (folded: string) =>
  folded.length >= 6 && folded.startsWith("ge") && /[td]$/.test(folded) ? folded.slice(2, -1) : null;

function conceptsIn(
  query: string[],
  index: CatalogueIndex,
  phrases: string[][][],
  stem: Stem,
  depth: number,
): Concept[] {
  const seen = new Set<string>();
  const content = query
    .map((word) => ({ word, folded: fold(word), key: stem(fold(word)) }))
    .filter((w): w is { word: string; folded: string; key: string } => {
      if (w.key === null || questionWords.has(w.folded) || seen.has(w.key)) return false;
      seen.add(w.key);
      return true;
    })
    .slice(0, maxQueryWords);
  const keys = content.map((w) => w.key);
  const synonymsOf = (at: number) => {
    let length = 0;
    const others: string[][] = [];
    for (const group of phrases) {
      for (const phrase of group) {
        if (phrase.length < length || !phrase.every((k, i) => keys[at + i] === k)) continue;
        if (phrase.length > length) {
          length = phrase.length;
          others.length = 0;
        }
        others.push(...group.filter((p) => p !== phrase));
      }
    }
    return { length, others };
  };
  const concepts: Concept[] = [];
  let i = 0;
  while (i < content.length) {
    const { length, others } = synonymsOf(i);
    const covered = content.slice(i, i + Math.max(1, length));
    const options: Option[] = [
      { weight: weights.exact, slots: covered.map((w) => slotOf(index, new Map([[w.key, 1]]), depth === 0)) },
      ...others.map((phrase) => ({
        weight: weights.synonym,
        slots: phrase.map((k) => slotOf(index, new Map([[k, 1]]))),
        required: phrase.length,
      })),
    ];
    if (covered.length === 1 && depth < 2) {
      const [only] = covered as [{ word: string; folded: string; key: string }];
      const parts = index.splitter.top(only.folded);
      if (parts) {
        const slots = conceptsIn(parts, index, phrases, stem, depth + 1);
        options.push({ weight: weights.parts, slots });
      }
      const participle = participleOf(only.folded);
      if (participle && !index.postings.has(only.key))
        options.push({ weight: weights.synonym, slots: conceptsIn([participle], index, phrases, stem, depth + 1) });
      // A word the catalogue lacks is corrected to its nearest spellings there; a Dutch word (or one of the
      // thesaurus) only weakly, as it more likely means something the catalogue does not hold.
      if (!index.postings.has(only.key) && others.length === 0) {
        const dutch =
          isDutchWord(index.lexicon.dutch, only.folded) || index.lexicon.thesaurus.has(only.folded) || parts !== null;
        for (const { key, edits } of corrections(index, only.folded))
          options.push({
            weight: (dutch ? weights.dutchTypo : weights.typo) - weights.typoPerEdit * (edits - 1),
            slots: [slotOf(index, new Map([[key, 1]]))],
          });
      }
    }
    concepts.push({ words: covered.map((w) => w.word), options });
    i += covered.length;
  }
  return concepts;
}

export interface Ranked {
  entry: number;
  score: number;
}

/**
 * Scores every entry that matches any concept, and returns those scoring at least `cutoff` times the best, best
 * first. A concept scores through its best option; an option with several slots (a phrase, a compound's parts)
 * scores the sum of its slots times the share of slots that matched; a synonym phrase only once all its words
 * did ("lokaal" alone is not "lokaal bestuur"). The sum over concepts is raised by the share
 * of the query matched, each concept counting as much as its rarest word, so an entry that answers all of a
 * question comes first and common words decide little. Scores are kept in arrays over all entries: a search
 * touches every posting of its keys once per slot, and nothing is allocated per entry.
 */
export function rank(index: CatalogueIndex, concepts: Concept[], cutoff = 0): Ranked[] {
  const n = index.entries.length;
  const scratch = scratchOf(index);
  const total = scratch.scores();
  const covered = scratch.scores();
  const importance = concepts.map((c) => importanceOf(index, c));
  const whole = importance.reduce((sum, i) => sum + i, 0) || 1;
  for (const [c, concept] of concepts.entries()) {
    const scores = conceptScores(index, concept);
    for (let e = 0; e < n; e++) {
      const score = scores[e] as number;
      if (score > 0) {
        total[e] = (total[e] as number) + score;
        covered[e] = (covered[e] as number) + (importance[c] as number);
      }
    }
    scratch.giveBack(scores);
  }
  let best = 0;
  for (let e = 0; e < n; e++) {
    const score = (total[e] as number) * (0.5 + (0.5 * (covered[e] as number)) / whole);
    total[e] = score;
    if (score > best) best = score;
  }
  const ranked: Ranked[] = [];
  if (best > 0)
    for (let e = 0; e < n; e++) {
      const score = total[e] as number;
      if (score > 0 && score >= best * cutoff) ranked.push({ entry: e, score });
    }
  scratch.giveBack(total);
  scratch.giveBack(covered);
  return ranked.sort((x, y) => y.score - x.score || x.entry - y.entry);
}

/** Every key a query can match through, for marking where an entry matched. */
export function keysOf(concepts: Concept[]): Set<string> {
  const keys = new Set<string>();
  const visit = (concept: Concept) => {
    for (const option of concept.options)
      for (const slot of option.slots) {
        if (slot instanceof Map) for (const key of slot.keys()) keys.add(key);
        else visit(slot);
      }
  };
  for (const concept of concepts) visit(concept);
  return keys;
}

/** How much a concept says: the rarity of its own words (a word the catalogue lacks counts as the rarest). */
function importanceOf(index: CatalogueIndex, concept: Concept): number {
  const exact = concept.options[0]?.slots ?? [];
  let most = 0;
  for (const slot of exact)
    if (slot instanceof Map) for (const key of slot.keys()) most = Math.max(most, index.idf.get(key) ?? 0);
  return most || Math.log(1 + (index.entries.length + 0.5) / 0.5);
}

/**
 * Arrays of one number per entry, lent out while a search ranks and taken back after: ranking is synchronous, so a
 * few serve every search of an index, where allocating them anew for every slot of every query kept the
 * allocator and the collector busy (and the process's memory high).
 */
class Scratch {
  private readonly floats: Float64Array[] = [];
  private readonly counts: Uint16Array[] = [];
  constructor(private readonly n: number) {}
  scores(): Float64Array {
    const kept = this.floats.pop();
    return kept ? kept.fill(0) : new Float64Array(this.n);
  }
  matches(): Uint16Array {
    const kept = this.counts.pop();
    return kept ? kept.fill(0) : new Uint16Array(this.n);
  }
  giveBack(array: Float64Array | Uint16Array) {
    if (array instanceof Float64Array) this.floats.push(array);
    else this.counts.push(array);
  }
}
const scratches = new WeakMap<CatalogueIndex, Scratch>();
function scratchOf(index: CatalogueIndex): Scratch {
  let scratch = scratches.get(index);
  if (!scratch) {
    scratch = new Scratch(index.entries.length);
    scratches.set(index, scratch);
  }
  return scratch;
}

/** A concept's score in every entry: its best option's (lent from the index's scratch: give it back). */
function conceptScores(index: CatalogueIndex, concept: Concept): Float64Array {
  const n = index.entries.length;
  const scratch = scratchOf(index);
  const best = scratch.scores();
  for (const option of concept.options) {
    const sum = scratch.scores();
    const matched = scratch.matches();
    for (const slot of option.slots) {
      const scores = slot instanceof Map ? slotScores(index, slot) : conceptScores(index, slot);
      for (let e = 0; e < n; e++) {
        const score = scores[e] as number;
        if (score > 0) {
          sum[e] = (sum[e] as number) + score;
          matched[e] = (matched[e] as number) + 1;
        }
      }
      scratch.giveBack(scores);
    }
    const slots = option.slots.length;
    const required = option.required ?? 1;
    for (let e = 0; e < n; e++) {
      const count = matched[e] as number;
      if (count < required) continue;
      const score = (option.weight * (sum[e] as number) * count) / slots;
      if (score > (best[e] as number)) best[e] = score;
    }
    scratch.giveBack(sum);
    scratch.giveBack(matched);
  }
  return best;
}

/** A slot's score in every entry: its best-scoring key's (lent from the index's scratch: give it back). */
function slotScores(index: CatalogueIndex, slot: Map<string, number>): Float64Array {
  const scores = scratchOf(index).scores();
  for (const [key, weight] of slot) {
    const posting = index.postings.get(key);
    if (!posting) continue;
    for (let i = 0; i < posting.entries.length; i++) {
      const entry = posting.entries[i] as number;
      const score = (posting.scores[i] as number) * weight;
      if (score > (scores[entry] as number)) scores[entry] = score;
    }
  }
  return scores;
}
