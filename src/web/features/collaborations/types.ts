export interface CollaborationSummary {
  id: string;
  key: string;
  name: string;
  form: string;
  nature: "collaboration" | "outsourcing";
  country: "BE" | "NL";
  status: string;
  kboNumber: string | null;
  cbsCode: string | null;
  seat: string | null;
  startedOn: string | null;
  endedOn: string | null;
  source: string;
  sourceDate: string | null;
  memberCount: number;
  domains: { id: string; name: string }[];
}

export interface Membership {
  id: string;
  organisation: { id: string; name: string; kind: string; code: string | null };
  role: string;
  shareBasisPoints: number | null;
  validFrom: string | null;
  validTo: string | null;
  confirmed: boolean;
  awaitingConfirmation: boolean;
  carriedOver: boolean;
  source: string;
  sourceDate: string | null;
  version: number;
  abilities: { update: boolean; confirm: boolean };
}

export interface Collaboration extends CollaborationSummary {
  description: string | null;
  coordinator: { id: string; name: string } | null;
  members: Membership[];
  formerMembers: Membership[];
  version: number;
  abilities: { update: boolean; manageMembers: boolean };
}

export interface PortfolioItem {
  membership: Omit<Membership, "organisation">;
  collaboration: CollaborationSummary;
}
