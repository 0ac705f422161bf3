import { z } from "zod";
import { isoDate, webAddress, wholeNumber } from "../../platform/http/schemas.ts";
import {
  collaborationForms,
  collaborationNatures,
  collaborationStatuses,
  countries,
  membershipRoles,
  organisationKinds,
  organisationStatuses,
  transferKinds,
} from "../../platform/vocabulary.ts";

/**
 * The exchange formats of the register: one row per organisation, collaboration or membership, with the same
 * field names in CSV (columns) and JSON (keys), so an export imports again unchanged.
 */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" || v === undefined ? null : v), schema.nullable());
const int = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === "number" ? String(v) : v), wholeNumber(min, max));
const key = z
  .string()
  .trim()
  .min(1, "field.required")
  .max(120)
  .regex(/^[a-z0-9][a-z0-9._:-]*$/i, "field.key");

export const organisationRow = z.object({
  key,
  kind: z.enum(organisationKinds),
  country: z.enum(countries),
  name: z.string().trim().min(1, "field.required").max(200),
  status: optional(z.enum(organisationStatuses)),
  nis_code: optional(z.string().regex(/^\d{5}$/, "field.nisCode")),
  kbo_number: optional(z.string().regex(/^[01]\d{9}$/, "field.kboNumber")),
  cbs_code: optional(z.string().regex(/^(GM|PV|GR)\d{2,4}$/, "field.cbsCode")),
  kvk_number: optional(z.string().regex(/^\d{8}$/, "field.kvkNumber")),
  oin: optional(z.string().regex(/^\d{20}$/, "field.oin")),
  province_key: optional(key),
  population: optional(int(0, 50_000_000)),
  population_date: optional(isoDate),
  valid_from: optional(isoDate),
  valid_to: optional(isoDate),
  website: optional(webAddress(300)),
  source: optional(z.string().max(500)),
});

export const collaborationRow = z.object({
  key,
  name: z.string().trim().min(1, "field.required").max(200),
  form: z.enum(collaborationForms),
  nature: optional(z.enum(collaborationNatures)),
  country: z.enum(countries),
  status: optional(z.enum(collaborationStatuses)),
  kbo_number: optional(z.string().regex(/^[01]\d{9}$/, "field.kboNumber")),
  cbs_code: optional(z.string().regex(/^GR\d{4}$/, "field.cbsArrangementCode")),
  seat: optional(z.string().max(200)),
  description: optional(z.string().max(5000)),
  started_on: optional(isoDate),
  ended_on: optional(isoDate),
  domains: optional(z.string().regex(/^((bbc|iv3):[0-9a-z.]+)(;(bbc|iv3):[0-9a-z.]+)*$/, "field.domainList")),
  source: optional(z.string().max(500)),
  source_date: optional(isoDate),
});

export const membershipRow = z.object({
  collaboration_key: key,
  organisation_key: key,
  role: z.enum(membershipRoles),
  share_basis_points: optional(int(0, 10_000)),
  valid_from: optional(isoDate),
  valid_to: optional(isoDate),
  source: optional(z.string().max(500)),
  source_date: optional(isoDate),
});

export { transferKinds };
export type TransferKind = (typeof transferKinds)[number];

export const rowSchemas = {
  organisations: organisationRow,
  collaborations: collaborationRow,
  memberships: membershipRow,
} as const;

export type RowOf<K extends TransferKind> = z.infer<(typeof rowSchemas)[K]>;

/** The columns of each format, in order: the CSV header. */
export const columnsOf = (kind: TransferKind) => Object.keys(rowSchemas[kind].shape);
