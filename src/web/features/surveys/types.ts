export type Localised = string | Record<string, string>;

export interface Finding {
  severity: "error" | "warning";
  where: string;
  message: string;
}

export interface SurveyAudience {
  kinds: string[];
  provinceIds: string[];
  sizeClasses: number[];
  collaborationIds: string[];
  organisationIds: string[];
}

export interface Survey {
  id: string;
  owner: string;
  title: string;
  description: string | null;
  definition: SurveyDefinition;
  status: "draft" | "open" | "closed";
  audience: SurveyAudience;
  sizeThresholds: number[];
  anonymous: boolean;
  minGroupSize: number;
  deadline: string | null;
  series: string | null;
  wave: string | null;
  openedAt: string | null;
  closedAt: string | null;
  isDemo: boolean;
  version: number;
  findings: Finding[];
  locales: string[];
  questions: number;
  abilities: { read: boolean; manage: boolean; readResults: boolean; draft: boolean; submit: boolean };
}

export interface SurveyListItem {
  id: string;
  title: string;
  status: Survey["status"];
  deadline: string | null;
  anonymous: boolean;
  series: string | null;
  wave: string | null;
  role: "owner" | "invited";
  ownResponse: "draft" | "submitted" | null;
}

export interface SurveyQuestion {
  type: string;
  name: string;
  title?: Localised;
  isRequired?: boolean;
  visibleIf?: string;
  choices?: (string | { value: string | number; text?: Localised })[];
  rows?: (string | { value: string; text?: Localised })[];
  columns?: (string | number | { value: string | number; text?: Localised })[];
  rateMin?: number;
  rateMax?: number;
  inputType?: string;
  [key: string]: unknown;
}

export interface SurveyDefinition {
  title?: Localised;
  pages?: { name: string; title?: Localised; elements?: SurveyQuestion[] }[];
  elements?: SurveyQuestion[];
  [key: string]: unknown;
}

export interface ResponseState {
  surveyId: string;
  status: "draft" | "submitted";
  data: Record<string, unknown>;
  lastEditedBy: string | null;
  updatedAt: string | null;
  submittedAt: string | null;
  submittedBy: string | null;
  version: number;
  abilities: { draft: boolean; submit: boolean; reopen: boolean };
}

export interface Results {
  total: number;
  minGroupSize: number;
  anonymous: boolean;
  split: string | null;
  segments: { key: string; label: string; n: number | null; suppressed: boolean }[];
  questions: {
    name: string;
    title: string;
    kind: string;
    choices: { value: string; label: string }[];
    rows: { value: string; label: string }[];
    bySegment: {
      segment: string;
      suppressed: boolean;
      answered: number | null;
      rows: { row: string | null; counts: Record<string, number>; n: number; mean: number | null }[];
    }[];
  }[];
}

export interface ResponseRate {
  key: string;
  label: string;
  invited: number;
  drafts: number;
  submitted: number;
  rate: number;
}

/** A localised text in the interface language, falling back to the default, Dutch, English, any. */
export const localised = (value: Localised | undefined, language: string, fallback = "") => {
  if (value === undefined) return fallback;
  if (typeof value === "string") return value;
  return value[language] ?? value.default ?? value.nl ?? value.en ?? Object.values(value)[0] ?? fallback;
};
