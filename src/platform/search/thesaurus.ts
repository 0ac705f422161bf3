import { readDataFile } from "../data-files.ts";

/**
 * Samen's default thesaurus (data/search/thesaurus-nl.json): groups of Flemish and Dutch public-sector words that
 * mean the same thing. Every catalogue's search starts from it; a catalogue's own synonym groups come on top.
 */
let groups: string[][] | null = null;

export function defaultThesaurus(): string[][] {
  groups ??= (JSON.parse(readDataFile("search/thesaurus-nl.json").toString("utf8")) as { groups: string[][] }).groups;
  return groups;
}
