/** The shapes the procurement API answers with (see its OpenAPI document). */
import type { BundleStatus, commitmentBodies, leadRoles, PurchaseSubject } from "../../../platform/vocabulary.ts";

export {
  bundleStatuses,
  commitmentBodies,
  leadRoles,
  purchaseSubjects,
  supplierSchemes,
} from "../../../platform/vocabulary.ts";
export type { BundleStatus };

interface Reference {
  id: string;
  name: string;
}

export interface BundleSummary {
  id: string;
  title: string;
  subject: PurchaseSubject;
  leadBuyer: Reference;
  status: BundleStatus;
  demandOpensOn: string;
  demandClosesOn: string;
  lots: number;
  participants: number;
}

export interface Award {
  id: string;
  supplier: { name: string; scheme: string; identifier: string };
  unitPriceCents: number | null;
  spendDiscountBasisPoints: number | null;
  awardedOn: string;
  reason: string | null;
  supersededAt: string | null;
}

export interface Lot {
  id: string;
  number: number;
  title: string;
  cpvCode: string;
  unit: string | null;
  priceCurve: { fromQuantity: number; discountBasisPoints: number }[];
  version: number;
  totals: {
    declarations: number;
    quantity: number;
    baselineCents: number;
    expectedDiscountBasisPoints: number | null;
    estimatedSavingCents: number;
  };
  award: Award | null;
  earlierAwards: Award[];
}

export interface Declaration {
  id: string;
  lotId: string;
  kind: "demand" | "callOff";
  quantity: number | null;
  unit: string | null;
  unitPriceCents: number | null;
  yearlySpendCents: number | null;
  baselineCents: number | null;
  commitment: { body: (typeof commitmentBodies)[number]; decidedOn: string; reference: string | null } | null;
  version: number;
}

export interface Bundle extends BundleSummary {
  leadRole: (typeof leadRoles)[number];
  description: string;
  windowOpen: boolean;
  contractStartsOn: string | null;
  contractEndsOn: string | null;
  ocid: string;
  version: number;
  lotList: Lot[];
  participantList: {
    id: string;
    organisation: Reference & { kind: string };
    declaredLots: number;
    callOff: boolean;
    declarations: Declaration[] | null;
  }[];
  documents: { id: string; title: string; filename: string; contentType: string; size: number; createdAt: string }[];
  nextStatuses: BundleStatus[];
  abilities: Record<
    | "update"
    | "manageLots"
    | "invite"
    | "award"
    | "changeStatus"
    | "attach"
    | "readDeclarations"
    | "join"
    | "declare"
    | "callOff",
    boolean
  >;
}

export interface YearAmount {
  year: number;
  cents: number;
}

export interface BundleSavings {
  bundle: Reference & { status: BundleStatus };
  contract: { startsOn: string; endsOn: string } | null;
  totals: {
    baselineCents: number;
    estimatedCents: number;
    realisedCents: number | null;
    years: YearAmount[];
    totalCents: number;
  };
  participants: {
    organisation: Reference;
    baselineCents: number;
    estimatedCents: number;
    realisedCents: number | null;
    years: YearAmount[];
    totalCents: number;
    lots: {
      lotId: string;
      lot: string;
      baselineCents: number | null;
      estimatedCents: number | null;
      realisedCents: number | null;
      assumptions: string[];
    }[];
  }[];
  assumptions: string[];
}

export interface OrganisationSavings {
  organisation: Reference;
  totalCents: number;
  years: YearAmount[];
  bundles: {
    bundle: Reference & { status: BundleStatus; subject: string };
    leadBuyer: Reference;
    realisedCents: number | null;
    years: YearAmount[];
    totalCents: number;
    assumptions: string[];
  }[];
  uses: { id: string; label: string; costCents: number; version: number; times: number }[];
  abilities: { keepUses: boolean };
}

export interface Dashboard {
  leadBuyer: Reference;
  years: (YearAmount & { bundles: number })[];
  bundles: (Reference & { status: BundleStatus; participants: number; baselineCents: number; totalCents: number })[];
  participants: (Reference & { totalCents: number; bundles: number })[];
  totalCents: number;
  assumptions: string[];
}
