import { z } from "zod";
import { changesOf, cursorSchema, isoDate, limitSchema } from "../../platform/http/schemas.ts";
import {
  collaborationForms,
  collaborationNatures,
  collaborationStatuses,
  countries,
  membershipRoles,
  organisationKinds,
  policyDomainSchemes,
} from "../../platform/vocabulary.ts";

const domainRef = z.object({ id: z.string(), name: z.string() });

export const collaborationSummarySchema = z
  .object({
    id: z.uuid(),
    key: z.string(),
    name: z.string(),
    form: z.enum(collaborationForms),
    nature: z.enum(collaborationNatures),
    country: z.enum(countries),
    status: z.enum(collaborationStatuses),
    kboNumber: z.string().nullable(),
    cbsCode: z.string().nullable(),
    seat: z.string().nullable(),
    startedOn: z.string().nullable(),
    endedOn: z.string().nullable(),
    source: z.string(),
    sourceDate: z.string().nullable(),
    memberCount: z.number().int().describe("Members on the reading date (today unless asOf is given)"),
    domains: z.array(domainRef),
  })
  .meta({ id: "CollaborationSummary" });

export const membershipSchema = z
  .object({
    id: z.uuid(),
    organisation: z.object({
      id: z.uuid(),
      name: z.string(),
      kind: z.enum(organisationKinds),
      code: z.string().nullable(),
    }),
    role: z.enum(membershipRoles),
    shareBasisPoints: z.number().int().nullable().describe("Share in basis points: 10000 is 100 %"),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    confirmed: z.boolean().describe("Whether the other side confirmed this participation"),
    awaitingConfirmation: z
      .boolean()
      .describe(
        "Entered in Samen by one side and not yet confirmed by the other (records loaded from open data are not)",
      ),
    carriedOver: z.boolean().describe("Continues the membership of an organisation that merged into this one"),
    source: z.string(),
    sourceDate: z.string().nullable(),
    version: z.number().int(),
    abilities: z.object({ update: z.boolean(), confirm: z.boolean() }),
  })
  .meta({ id: "Membership" });

export const collaborationSchema = collaborationSummarySchema
  .extend({
    description: z.string().nullable(),
    coordinator: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    members: z.array(membershipSchema),
    formerMembers: z.array(membershipSchema),
    version: z.number().int(),
    updatedAt: z.string(),
    abilities: z.object({ update: z.boolean(), manageMembers: z.boolean() }),
  })
  .meta({ id: "Collaboration" });

const listOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(600)
    .transform((s) => s.split(",").filter(Boolean))
    .pipe(z.array(z.enum(values)).max(values.length));

export const collaborationSorts = ["relevance", "name", "-name", "-members"] as const;

export const listCollaborationsQuery = z
  .object({
    q: z.string().trim().max(100).optional().describe("Name (typos allowed), KBO number or CBS code"),
    form: listOf(collaborationForms).optional().describe("Comma-separated forms"),
    nature: z.enum(collaborationNatures).optional(),
    country: z.enum(countries).optional(),
    status: z.enum(collaborationStatuses).optional(),
    domain: z.string().max(40).optional().describe("A policy domain id (bbc:7, iv3:5.3); its subdomains are included"),
    member: z.uuid().optional().describe("Only collaborations this organisation takes part in"),
    province: z.uuid().optional().describe("Only collaborations with a member in this province"),
    asOf: isoDate.optional().describe("Read the register as it was on this date"),
    sort: z.enum(collaborationSorts).optional(),
    cursor: cursorSchema.optional(),
    limit: limitSchema,
  })
  .strict();
export type ListCollaborationsQuery = z.infer<typeof listCollaborationsQuery>;

const text = (max: number) => z.string().trim().min(1).max(max);

const collaborationFields = {
  name: text(200),
  form: z.enum(collaborationForms),
  nature: z.enum(collaborationNatures),
  country: z.enum(countries),
  status: z.enum(collaborationStatuses),
  kboNumber: z
    .string()
    .regex(/^[01]\d{9}$/, "must be 10 digits, starting with 0 or 1")
    .nullable(),
  cbsCode: z
    .string()
    .regex(/^GR\d{4}$/, "must look like GR0316")
    .nullable(),
  seat: text(200).nullable(),
  description: text(5000).nullable(),
  startedOn: isoDate.nullable(),
  endedOn: isoDate.nullable(),
  domainIds: z.array(z.string().regex(/^(bbc|iv3):[0-9a-z.]+$/, "must be a policy domain id")).max(20),
};

export const createCollaborationBody = z
  .object({
    ...collaborationFields,
    nature: collaborationFields.nature.default("collaboration"),
    status: collaborationFields.status.default("active"),
    kboNumber: collaborationFields.kboNumber.optional(),
    cbsCode: collaborationFields.cbsCode.optional(),
    seat: collaborationFields.seat.optional(),
    description: collaborationFields.description.optional(),
    startedOn: collaborationFields.startedOn.optional(),
    endedOn: collaborationFields.endedOn.optional(),
    domainIds: collaborationFields.domainIds.default([]),
  })
  .strict()
  .refine((c) => !c.startedOn || !c.endedOn || c.startedOn <= c.endedOn, {
    message: "field.endsBeforeStart",
    path: ["endedOn"],
  });
export type CreateCollaborationInput = z.input<typeof createCollaborationBody>;

export const updateCollaborationBody = changesOf(z.object(collaborationFields));
export type UpdateCollaborationInput = z.infer<typeof updateCollaborationBody>;

export const addMembershipBody = z
  .object({
    organisationId: z.uuid(),
    role: z.enum(membershipRoles),
    shareBasisPoints: z.number().int().min(0).max(10_000).nullable().optional(),
    validFrom: isoDate.nullable().optional(),
    validTo: isoDate.nullable().optional(),
  })
  .strict()
  .refine((m) => !m.validFrom || !m.validTo || m.validFrom <= m.validTo, {
    message: "field.endsBeforeStart",
    path: ["validTo"],
  });
export type AddMembershipInput = z.infer<typeof addMembershipBody>;

export const updateMembershipBody = changesOf(
  z.object({
    role: z.enum(membershipRoles),
    shareBasisPoints: z.number().int().min(0).max(10_000).nullable(),
    validFrom: isoDate.nullable(),
    validTo: isoDate.nullable(),
  }),
);
export type UpdateMembershipInput = z.infer<typeof updateMembershipBody>;

export const portfolioQuery = z.object({ asOf: isoDate.optional() }).strict();

export const portfolioItemSchema = z
  .object({ membership: membershipSchema.omit({ organisation: true }), collaboration: collaborationSummarySchema })
  .meta({ id: "PortfolioItem" });

export const policyDomainSchema = z
  .object({
    id: z.string(),
    scheme: z.enum(policyDomainSchemes),
    code: z.string(),
    name: z.string(),
    parentId: z.string().nullable(),
    level: z.number().int(),
    equivalents: z.array(z.string()).describe("Top-level domains of the other scheme that correspond"),
  })
  .meta({ id: "PolicyDomain" });
