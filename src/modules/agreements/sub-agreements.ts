import { asc, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { frameworks, subAgreements, subAgreementYears } from "../../platform/db/schema.ts";
import { previousValues, updateVersioned } from "../../platform/db/versioned.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { allowedOn, clientIdsOf, frameworkFor } from "./frameworks.ts";
import { frameworkPolicy } from "./policy.ts";

type SubAgreementInput = {
  name?: string | undefined;
  domain?: (typeof subAgreements.$inferInsert)["domain"] | undefined;
  description?: string | null | undefined;
  services?: { name: string; unit: string; description: string }[] | undefined;
  serviceLevels?:
    | { indicator: string; target: number; unit: string; measurements: { period: string; value: number }[] }[]
    | undefined;
};

export async function createSubAgreement(
  tx: Tx,
  ctx: RequestContext,
  frameworkId: string,
  input: Required<Pick<SubAgreementInput, "name" | "domain">> & SubAgreementInput,
) {
  const { framework } = await frameworkFor(tx, ctx.actor, frameworkId, "manage");
  const [row] = await tx
    .insert(subAgreements)
    .values({
      frameworkId,
      name: input.name,
      domain: input.domain,
      description: input.description ?? null,
      services: input.services ?? [],
      serviceLevels: input.serviceLevels ?? [],
    })
    .returning();
  if (!row) throw new Error("sub-agreement not stored");
  await recordAudit(tx, ctx, {
    entityType: "sub_agreement",
    entityId: row.id,
    ownerOrganisationId: framework.hostId,
    action: "create",
    after: input,
  });
  return row;
}

/** A sub-agreement with its framework, after the framework's policy allowed the action. */
export async function subAgreementFor(
  db: Queryable,
  actor: Actor,
  id: string,
  action: keyof typeof frameworkPolicy = "read",
) {
  // The sub-agreement, its framework and the framework's clients, in one read.
  const [row] = await db
    .select({ sub: subAgreements, framework: frameworks, clientIds: clientIdsOf(frameworks.id) })
    .from(subAgreements)
    .innerJoin(frameworks, eq(frameworks.id, subAgreements.frameworkId))
    .where(eq(subAgreements.id, id));
  if (!row) throw notFound("sub-agreement");
  return { sub: row.sub, ...allowedOnSubAgreement(actor, row.framework, row.clientIds, action) };
}

/** A sub-agreement's framework once its policy allowed the action; refusals to read look like a missing one. */
export function allowedOnSubAgreement(
  actor: Actor,
  framework: typeof frameworks.$inferSelect,
  clientIds: string[],
  action: keyof typeof frameworkPolicy,
) {
  try {
    return allowedOn(actor, framework, clientIds, action);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) throw notFound("sub-agreement");
    throw error;
  }
}

export async function updateSubAgreement(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  changes: SubAgreementInput,
) {
  const { sub, framework } = await subAgreementFor(tx, ctx.actor, id, "manage");
  const version = await updateVersioned(tx, subAgreements, id, sub, expectedVersion, changes, "sub-agreement");
  await recordAudit(tx, ctx, {
    entityType: "sub_agreement",
    entityId: id,
    ownerOrganisationId: framework.hostId,
    action: "update",
    before: previousValues(sub, changes),
    after: changes,
  });
  return version;
}

export async function getSubAgreement(db: Queryable, actor: Actor, id: string) {
  const { sub, view } = await subAgreementFor(db, actor, id);
  const years = await db
    .select({
      year: subAgreementYears.year,
      budgetCents: subAgreementYears.budgetCents,
      settled: sql<boolean>`exists (select 1 from settlements s where s.sub_agreement_id = ${id} and s.year = "sub_agreement_years"."year" and s.status = 'approved')`,
    })
    .from(subAgreementYears)
    .where(eq(subAgreementYears.subAgreementId, id))
    .orderBy(asc(subAgreementYears.year));
  return {
    id: sub.id,
    frameworkId: sub.frameworkId,
    name: sub.name,
    domain: sub.domain,
    description: sub.description,
    services: sub.services,
    serviceLevels: sub.serviceLevels,
    years: years.map((y) => ({ year: y.year, budgetCents: Number(y.budgetCents), settled: Boolean(y.settled) })),
    version: sub.version,
    abilities: { manage: frameworkPolicy.manage(actor, view) },
  };
}
