export type Key =
  | { kind: "fixed"; sharesBp: Record<string, number> }
  | { kind: "equal" }
  | { kind: "inhabitants"; referenceDate: string; inhabitants: Record<string, number> }
  | { kind: "units"; units: Record<string, number> }
  | { kind: "mix"; parts: { weightBp: number; key: Exclude<Key, { kind: "mix" }> }[] };

export interface Framework {
  id: string;
  collaborationId: string;
  name: string;
  host: { id: string; name: string };
  clients: {
    id: string;
    name: string;
    /** The register's latest population figure, its date and source. */
    population: { count: number; date: string; source: string | null } | null;
  }[];
  startsOn: string;
  endsOn: string | null;
  status: string;
  legalRegime: "wgr" | "dlb";
  governance: {
    committee: { name: string; function: string; organisationId: string }[];
    decisions: { organisationId: string; body: string; decidedOn: string; reference: string }[];
    documents: { title: string; url: string }[];
  };
  calendarTemplateId: string | null;
  subAgreements: { id: string; name: string; domain: string }[];
  isDemo: boolean;
  version: number;
  abilities: { manage: boolean; readAllClients: boolean };
}

export interface SubAgreement {
  id: string;
  frameworkId: string;
  name: string;
  domain: string;
  description: string | null;
  services: { name: string; unit: string; description: string }[];
  serviceLevels: {
    indicator: string;
    target: number;
    unit: string;
    measurements: { period: string; value: number }[];
  }[];
  years: { year: number; budgetCents: number; settled: boolean }[];
  version: number;
  abilities: { manage: boolean };
}

export interface Accent {
  clientId: string;
  kind: "variant" | "extra";
  description: string;
  cents: number;
}

export interface AgreementYear {
  settled: boolean;
  abilities: { changeBudget: boolean; changeActuals: boolean };
  subAgreementId: string;
  year: number;
  budgetCents: number;
  key: Key;
  accents: Accent[];
  actualCents: number | null;
  actualKey: Key | null;
  actualAccents: Accent[] | null;
  version: number;
  budget: {
    client: { id: string; name: string };
    sharedCents: number;
    accentCents: number;
    totalCents: number;
    advancesCents: number[];
    explanation: {
      parts: { kind: string; weightBp: number; base: number; of: number }[];
      exactCents: string;
      roundedUp: boolean;
    };
  }[];
  shownClients: "all" | "own";
}

export interface Settlement {
  id: string;
  year: number;
  version: number;
  status: "draft" | "approved";
  actualCents: number;
  note: string | null;
  lines: {
    client: { id: string; name: string };
    sharedCents: number;
    accentCents: number;
    totalCents: number;
    advancesCents: number;
    balanceCents: number;
  }[];
  approvedAt: string | null;
  approvedBy: string | null;
}

export { parseEuro, useEuro } from "../../app/format.ts";

export interface Staff {
  totals: {
    count: number;
    fte: number;
    byStatus: { status: string; count: number; fte: number }[];
    byOrigin: { organisation: { id: string; name: string }; count: number; fte: number }[];
  };
  transfers:
    | {
        id: string;
        reference: string;
        function: string;
        fte: number;
        from: { id: string; name: string };
        transferOn: string;
        status: string;
        version: number;
        person: { name: string; personnelNumber: string | null; email: string | null; notes: string | null } | null;
      }[]
    | null;
  consultations: {
    id: string;
    organisation: { id: string; name: string };
    body: string;
    requestedOn: string;
    adviceDueOn: string | null;
    advisedOn: string | null;
    outcome: string;
    note: string | null;
    version: number;
    mayKeep: boolean;
  }[];
  abilities: { addTransferFrom: string[]; addConsultationFor: string[] };
}

export interface CalendarRule {
  key: string;
  title: { nl: string; en: string };
  actor: string;
  when:
    | { kind: "date"; yearOffset: number; month: number; day: number }
    | { kind: "after"; rule: string; days: number; latest?: { yearOffset: number; month: number; day: number } };
  source: { setBy: "law" | "agreement"; citation: string; url: string | null };
  remindDaysBefore: number[];
}

export interface CalendarTemplate {
  id: string;
  name: string;
  legalRegime: "wgr" | "dlb";
  basedOn: string;
  rules: CalendarRule[];
  version: number;
}

export interface CalendarTemplates {
  builtIn: {
    key: string;
    name: string;
    legalRegime: "wgr" | "dlb";
    note: { nl: string; en: string };
    rules: CalendarRule[];
  }[];
  own: CalendarTemplate[];
}

export interface FrameworkCalendar {
  template: { id: string | null; name: string; note: { nl: string; en: string } | null };
  year: number;
  deadlines: {
    ruleKey: string;
    budgetYear: number;
    dueOn: string;
    title: { nl: string; en: string };
    source: { setBy: "law" | "agreement"; citation: string; url: string | null };
  }[];
}
