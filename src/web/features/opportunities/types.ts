import type { EstimateBasis } from "../../../platform/saving-estimate.ts";
import type { CoCreationTheme, PublicSection, RepresentativeBody } from "../../../platform/vocabulary.ts";

export { coCreationThemes, publicSections, representativeBodies } from "../../../platform/vocabulary.ts";
export type { CoCreationTheme, PublicSection, RepresentativeBody };

export interface Reference {
  id: string;
  name: string;
}

export type OpportunityKind = "collaboration" | "framework" | "catalogueOffer" | "project" | "purchase";

/** What `/organisations/{id}/opportunities` answers (see its OpenAPI document). */
export interface OpportunityReport {
  organisation: Reference;
  asOf: string;
  country: "BE" | "NL";
  population: number | null;
  neighbours: Reference[];
  portfolio: { collaboration: number; outsourcing: number };
  taskAreas: Reference[];
  peers: { basis: "provinceAndSize" | "province"; count: number };
  gaps: { area: Reference; neighbours: { sharing: number; of: number }; peers: { sharing: number; of: number } }[];
  joinable: {
    kind: OpportunityKind;
    id: string;
    title: string;
    partner: Reference | null;
    detail: { nature?: string; form?: string; status?: string; members?: number; service?: string; closesOn?: string };
    neighbourMembers: Reference[];
    estimate: { basis: EstimateBasis; savingPercent: number; savingEuro: number };
    scan: { id: string; title: string; status: string; step: number | null } | null;
  }[];
}

export interface Payment {
  year: number;
  cents: number;
  source:
    | { kind: "settlement"; reference: string; version: number; approvedOn: string | null }
    | { kind: "budget" | "purchase"; reference: string }
    | { kind: "contribution"; reference: string; version: number };
}

export interface Deadline {
  dueOn: string;
  budgetYear: number;
  title: { nl: string; en: string };
  collaboration: Reference;
  source: { setBy: "law" | "agreement"; citation: string; url: string | null };
  document: { title: string; url: string } | null;
}

export interface Representative {
  id: string;
  name: string;
  body: RepresentativeBody;
  office: string | null;
  since: string | null;
  until: string | null;
  version: number;
}

export interface CouncilCollaboration {
  collaboration: Reference & { nature: "collaboration" | "outsourcing"; form: string };
  role: string;
  shareBasisPoints?: number | null;
  since: string | null;
  payments: Payment[] | null;
  totalCents: number | null;
  representatives: (Omit<Representative, "id" | "since" | "until" | "version"> & Partial<Representative>)[] | null;
}

export interface Totals {
  byYear: { year: number; cents: number }[];
  totalCents: number;
}

export interface PurchaseLine {
  bundle: { id: string; title: string };
  payments: Payment[];
  totalCents: number;
}

/** What `/organisations/{id}/council` answers. */
export interface CouncilView {
  organisation: Reference;
  asOf: string;
  collaborations: CouncilCollaboration[];
  purchases: PurchaseLine[];
  totals: Totals;
  deadlines: Deadline[];
  publicPage: { published: boolean; sections: PublicSection[]; version: number };
  abilities: { read: boolean; keep: boolean };
}

/** What `/public/municipalities/{id}` answers: null for every section not published. */
export interface PublicPage {
  organisation: Reference;
  asOf: string;
  published: boolean;
  sections: PublicSection[];
  collaborations: CouncilCollaboration[] | null;
  purchases: PurchaseLine[] | null;
  totals: Totals | null;
  deadlines: Deadline[] | null;
}

export interface Themes {
  items: { theme: CoCreationTheme; organisations: Reference[]; mine: boolean }[];
  abilities: { read: boolean; keepThemes: boolean };
}

export interface Chapter {
  body: string;
  draft: string;
  saved: boolean;
  version: number;
  updatedAt: string | null;
  abilities: { keep: boolean };
}
