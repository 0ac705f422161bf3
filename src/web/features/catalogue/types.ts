import type { CatalogueVisibility, EntryStatus } from "../../../platform/vocabulary.ts";

export interface CatalogueInfo {
  provider: { id: string; name: string; kind: string; country: "BE" | "NL" };
  visibility: CatalogueVisibility;
  serviceLevelDays: number;
  published: number;
  themes: { name: string; count: number }[];
  version: number;
  abilities: { read: boolean; manage: boolean; ask: boolean; readDesk: boolean; workDesk: boolean };
}

export interface EntrySummary {
  id: string;
  key: string;
  question: string;
  theme: string;
  status: EntryStatus;
  service: string | null;
  tags: string[];
  isDemo: boolean;
  updatedAt: string;
  /** Why a search found it: matches between U+0001 and U+0002. */
  highlight: { question: string; excerpt: string; tags: string[]; theme: string; offer: string } | null;
}

export interface Entry {
  id: string;
  providerId: string;
  provider: { id: string; name: string };
  key: string;
  question: string;
  answer: string;
  theme: string;
  service: string | null;
  conditions: string | null;
  price: string | null;
  contact: string | null;
  offeredBy: { id: string; name: string } | null;
  tags: string[];
  synonyms: string[];
  related: { id: string; key: string; question: string }[];
  relatedKeys: string[];
  domains: { id: string; name: string }[];
  status: EntryStatus;
  isDemo: boolean;
  sourceTicketId: string | null;
  version: number;
  publishedAt: string | null;
  updatedAt: string;
  abilities: { update: boolean; readHistory: boolean };
}

export interface Revision {
  version: number;
  at: string;
  author: string;
  changes: { field: string; parts: { kind: "same" | "added" | "removed"; text: string }[] }[];
}
