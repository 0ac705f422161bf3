export interface OrganisationSummary {
  id: string;
  key: string;
  kind: string;
  country: "BE" | "NL";
  name: string;
  altNames: Record<string, string>;
  identifiers: { nis: string | null; kbo: string | null; cbs: string | null; kvk: string | null; oin: string | null };
  province: { id: string; name: string } | null;
  population: number | null;
  populationDate: string | null;
  status: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface Organisation extends OrganisationSummary {
  parent: { id: string; name: string } | null;
  mergedInto: { id: string; name: string } | null;
  predecessors: { id: string; name: string; code: string | null; until: string | null }[];
  website: string | null;
  postalAddress: string | null;
  wikidata: string | null;
  source: string | null;
  version: number;
  updatedAt: string;
  partners: { serves: number; servedBy: { id: string; name: string }[] };
  abilities: { update: boolean; readUsers: boolean; readAudit: boolean; manageTokens: boolean };
}

export { organisationKinds } from "../../../platform/vocabulary.ts";

/** The official code to show first: NIS for Belgium, CBS for the Netherlands. */
export const mainCode = (o: OrganisationSummary) => o.identifiers.nis ?? o.identifiers.cbs ?? o.identifiers.kbo ?? "";
