import { readDataFile } from "../../platform/data-files.ts";
import { seededRandom } from "../../platform/random.ts";

/**
 * A large catalogue for measuring, made deterministically from the 59 demo entries: each copy asks the same kind
 * of question for another municipality or situation, so the words, lengths and near-duplicates are realistic.
 * Written as a catalogue file, so it loads through the same import as any other.
 */
const places = [
  "Genk",
  "Lommel",
  "Maasmechelen",
  "Beringen",
  "Sint-Truiden",
  "Bilzen-Hoeselt",
  "Tongeren-Borgloon",
  "Heusden-Zolder",
  "Houthalen-Helchteren",
  "Lanaken",
  "Pelt",
  "Peer",
  "Leopoldsburg",
  "Dilsen-Stokkem",
  "Herk-de-Stad",
  "Voeren",
];
const situations = [
  "in een kleine gemeente",
  "samen met het OCMW",
  "met de buurgemeenten",
  "voor het nieuwe meerjarenplan",
  "na de fusie",
  "met beperkte middelen",
  "in een landelijke deelgemeente",
  "met de intercommunale",
];

/** The same seed gives the same catalogue. */
const random = seededRandom;

interface FileEntry {
  key: string;
  question: string;
  answer: string;
  tags: string[];
  relatedKeys: string[];
  [field: string]: unknown;
}

export function syntheticCatalogue(count: number, seed = 2026): Uint8Array {
  const demo = JSON.parse(readDataFile("demo/partnercatalogus-limburg.json").toString("utf8")) as {
    entries: FileEntry[];
    synonyms: string[][];
  };
  const next = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)] as T;
  const entries: FileEntry[] = [];
  for (let i = 0; i < count; i++) {
    const template = demo.entries[i % demo.entries.length] as FileEntry;
    const place = pick(places);
    const situation = pick(situations);
    entries.push({
      ...template,
      key: `${template.key}-${i + 1}`,
      question: `${template.question.replace(/\?$/, "")} ${situation} (${place})?`,
      answer: `${template.answer}\n\nVoor ${place}: we bekijken samen hoe dit ${situation} loopt.`,
      tags: [...template.tags, place.toLowerCase()],
      relatedKeys: [],
    });
  }
  return Buffer.from(JSON.stringify({ format: "samen-catalogue/1", entries, synonyms: demo.synonyms }));
}
