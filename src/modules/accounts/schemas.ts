import { z } from "zod";
import { minimumPasswordLength } from "../../platform/auth/passwords.ts";
import { roles } from "../../platform/vocabulary.ts";
import { mandateScopes } from "../mandates/policy.ts";

export const emailSchema = z
  .email({ message: "field.email" })
  .max(254)
  .transform((e) => e.toLowerCase());

export const passwordSchema = z
  .string()
  .min(minimumPasswordLength, `must be at least ${minimumPasswordLength} characters`)
  .max(256, "must be at most 256 characters");

export const signInBody = z.object({ email: emailSchema, password: z.string().min(1).max(256) }).strict();

export const switchOrganisationBody = z
  .object({
    organisationId: z.uuid(),
    mandateId: z.uuid().optional().describe("Act for the organisation under this mandate given to one of yours"),
  })
  .strict();

const mandateScopeList = z.array(z.enum(mandateScopes));

export const passwordResetRequestBody = z.object({ email: emailSchema }).strict();

export const passwordResetConfirmBody = z
  .object({ token: z.string().min(20).max(200), password: passwordSchema })
  .strict();

export const sessionSchema = z
  .object({
    user: z.object({
      id: z.uuid().nullable(),
      name: z.string(),
      email: z.string().nullable(),
      isPlatformAdmin: z.boolean(),
    }),
    via: z.enum(["session", "token"]),
    organisations: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string(), role: z.enum(roles) })),
    activeOrganisation: z
      .object({
        id: z.uuid(),
        name: z.string(),
        role: z.enum(roles).nullable(),
        hr: z.boolean(),
        mandate: z
          .object({ id: z.uuid(), receiverName: z.string(), scopes: mandateScopeList })
          .nullable()
          .describe("Acting under a mandate: only within its scopes, recorded as the receiver for this organisation"),
      })
      .nullable(),
    mandates: z
      .array(
        z.object({
          id: z.uuid(),
          organisationId: z.uuid(),
          organisationName: z.string(),
          receiverName: z.string(),
          scopes: mandateScopeList,
        }),
      )
      .describe("Organisations you may act for under a mandate given to one of yours"),
    abilities: z
      .object({
        manageTokens: z.boolean(),
        readAudit: z.boolean(),
        readOutbox: z.boolean(),
        importRegister: z.boolean(),
        createCollaboration: z.boolean(),
        createFramework: z.boolean(),
        createSurvey: z.boolean(),
        startScan: z.boolean(),
        createProject: z.boolean(),
        openBundle: z.boolean().describe("Whether you may open a joint purchase, led by the organisation you act for"),
        planDeployments: z.boolean(),
        startCatalogue: z.boolean(),
      })
      .describe("What the web app may offer: decided by the same policies the API applies"),
    demo: z.boolean(),
  })
  .meta({ id: "Session" });

export const createUserInput = z
  .object({
    email: emailSchema,
    name: z.string().trim().min(1).max(200),
    password: passwordSchema.optional(),
    organisationId: z.uuid().optional(),
    role: z.enum(roles).optional(),
    /** Works in the organisation's HR department (sees the people in staff transfers). */
    hr: z.boolean().default(false),
    isPlatformAdmin: z.boolean().default(false),
    isDemo: z.boolean().default(false),
  })
  .strict()
  .refine((u) => (u.organisationId === undefined) === (u.role === undefined), {
    message: "field.organisationWithRole",
    path: ["role"],
  });
export type CreateUserInput = z.input<typeof createUserInput>;
