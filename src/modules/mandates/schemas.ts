import { z } from "zod";
import { isoDate, plainText } from "../../platform/http/schemas.ts";
import { mandateScopes } from "./policy.ts";

const organisationRef = z.object({ id: z.uuid(), name: z.string() });

export const grantMandateBody = z
  .object({
    receiverId: z.uuid({ message: "field.uuid" }).describe("The organisation that will act for this one"),
    scopes: z
      .array(z.enum(mandateScopes))
      .min(1, { message: "mandates.scopesRequired" })
      .max(mandateScopes.length)
      .describe("What it may do: answer surveys, keep register entries, read settlements"),
    startsOn: isoDate.optional().describe("From (default: today)"),
    endsOn: isoDate.nullable().optional().describe("Until (none: until revoked)"),
    note: plainText(500).optional(),
  })
  .strict();

export const mandateSchema = z
  .object({
    id: z.uuid(),
    grantor: organisationRef,
    receiver: organisationRef,
    scopes: z.array(z.enum(mandateScopes)),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
    note: z.string().nullable(),
    status: z.enum(["offered", "accepted", "declined", "revoked"]),
    /** Accepted, begun and not yet ended: its receiver's people can act under it today. */
    current: z.boolean(),
    createdAt: z.string(),
    answeredAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    version: z.number().int(),
    abilities: z.object({ answer: z.boolean(), revoke: z.boolean() }),
  })
  .meta({ id: "Mandate" });

export const mandateListSchema = z
  .object({
    given: z.array(mandateSchema).describe("Mandates this organisation gave others"),
    received: z.array(mandateSchema).describe("Mandates others gave this organisation"),
    abilities: z.object({ grant: z.boolean() }),
  })
  .meta({ id: "MandateList" });

export const mandateActionSchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string().nullable().describe("The person who acted"),
    entityType: z.string(),
    entityId: z.string(),
    action: z.string(),
  })
  .meta({ id: "MandateAction" });

export const mandateActionsSchema = z
  .object({ mandate: mandateSchema, items: z.array(mandateActionSchema) })
  .meta({ id: "MandateActions" });

export const answerMandateBody = z.object({ accept: z.boolean() }).strict();
