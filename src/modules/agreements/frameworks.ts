import { randomUUID } from "node:crypto";
import { asc, eq, inArray, or, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { dutchOrder } from "../../platform/collation.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import {
  calendarTemplates,
  collaborations,
  frameworkClients,
  frameworks,
  memberships,
  organisations,
  subAgreements,
} from "../../platform/db/schema.ts";
import { previousValues, updateVersioned } from "../../platform/db/versioned.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { abilitiesOf, authorize } from "../../platform/policy.ts";
import { namesOf } from "../organisations/queries.ts";
import { frameworkPolicy, hostPolicy } from "./policy.ts";
import type { CreateFrameworkInput } from "./schemas.ts";

export { stale } from "../../platform/db/versioned.ts";

/** A framework with its clients, after its policy allowed the action; refusals to read look like a missing one. */
export async function frameworkFor(
  db: Queryable,
  actor: Actor,
  id: string,
  action: keyof typeof frameworkPolicy = "read",
) {
  // The framework with its clients, in one read.
  const [row] = await db
    .select({ framework: frameworks, clientIds: clientIdsOf(frameworks.id) })
    .from(frameworks)
    .where(eq(frameworks.id, id));
  if (!row) throw notFound("framework agreement");
  return allowedOn(actor, row.framework, row.clientIds, action);
}

/** The ids of a framework's clients, as a column of the query that reads the framework. */
export const clientIdsOf = (frameworkId: typeof frameworks.id) =>
  sql<
    string[]
  >`array(select ${frameworkClients.organisationId} from ${frameworkClients} where ${frameworkClients.frameworkId} = ${frameworkId})`;

/** A framework read with its clients, once its policy allowed the action; refusals to read look like a missing one. */
export function allowedOn(
  actor: Actor,
  framework: typeof frameworks.$inferSelect,
  clientIds: string[],
  action: keyof typeof frameworkPolicy,
) {
  const view = { hostId: framework.hostId, clientIds };
  authorize(frameworkPolicy, actor, "read", view, { conceal: "framework agreement" });
  if (action !== "read") authorize(frameworkPolicy, actor, action, view);
  return { framework, clientIds, view };
}

/** The frameworks the actor's organisation hosts or is a client of. */
export async function listFrameworks(db: Queryable, actor: Actor) {
  const own = actor.organisationId;
  if (!own) return [];
  const rows = await db
    .selectDistinct({ id: frameworks.id, name: frameworks.name })
    .from(frameworks)
    .leftJoin(frameworkClients, eq(frameworkClients.frameworkId, frameworks.id))
    .where(or(eq(frameworks.hostId, own), eq(frameworkClients.organisationId, own)))
    .orderBy(asc(frameworks.name));
  return Promise.all(rows.map((r) => getFramework(db, actor, r.id)));
}

export async function getFramework(db: Queryable, actor: Actor, id: string) {
  const { framework, clientIds, view } = await frameworkFor(db, actor, id);
  const [names, subs, populations] = await Promise.all([
    namesOf(db, [framework.hostId, ...clientIds]),
    db
      .select({ id: subAgreements.id, name: subAgreements.name, domain: subAgreements.domain })
      .from(subAgreements)
      .where(eq(subAgreements.frameworkId, id))
      .orderBy(asc(subAgreements.name)),
    clientIds.length
      ? db
          .select({
            id: organisations.id,
            count: organisations.population,
            date: organisations.populationDate,
            source: organisations.populationSource,
          })
          .from(organisations)
          .where(inArray(organisations.id, clientIds))
      : Promise.resolve([]),
  ]);
  const populationOf = new Map(populations.map((p) => [p.id, p]));
  return {
    id: framework.id,
    collaborationId: framework.collaborationId,
    name: framework.name,
    host: { id: framework.hostId, name: names.get(framework.hostId) ?? "" },
    clients: clientIds
      .map((c) => {
        const p = populationOf.get(c);
        return {
          id: c,
          name: names.get(c) ?? "",
          // The register's latest figure, which a new year's key per inhabitant proposes, with its date and source.
          population: p?.count != null && p.date ? { count: p.count, date: p.date, source: p.source } : null,
        };
      })
      .sort((a, b) => dutchOrder(a.name, b.name)),
    startsOn: framework.startsOn,
    endsOn: framework.endsOn,
    status: framework.status,
    legalRegime: framework.legalRegime,
    governance: framework.governance,
    calendarTemplateId: framework.calendarTemplateId,
    subAgreements: subs,
    isDemo: framework.isDemo,
    version: framework.version,
    abilities: abilitiesOf(frameworkPolicy, actor, view) as { manage: boolean; readAllClients: boolean; read: boolean },
  };
}

function checkTerm(startsOn: string, endsOn: string | null | undefined) {
  if (endsOn && endsOn < startsOn) {
    throw new AppError("validation_failed", "problem.agreementEndsBeforeStart", [
      { field: "endsOn", message: "field.beforeStartsOn" },
    ]);
  }
}

/**
 * A host sets up a framework agreement with its clients: the agreement, and in the register a collaboration of
 * form gastheergemeente with the host and each client as members (the clients confirm their participation there).
 */
export async function createFramework(tx: Tx, ctx: RequestContext, input: CreateFrameworkInput, isDemo = false) {
  authorize(hostPolicy, ctx.actor, "createFramework", null);
  const hostId = ctx.actor.organisationId as string;
  checkTerm(input.startsOn, input.endsOn);
  const clientIds = [...new Set(input.clientIds)];
  if (clientIds.includes(hostId)) {
    throw new AppError("validation_failed", "problem.hostNotClient", [
      { field: "clientIds", message: "field.containsHost" },
    ]);
  }
  const orgs = await tx
    .select({ id: organisations.id, country: organisations.country })
    .from(organisations)
    .where(inArray(organisations.id, [hostId, ...clientIds]));
  const known = new Set(orgs.map((o) => o.id));
  const unknown = clientIds.filter((c) => !known.has(c));
  if (unknown.length) {
    throw new AppError(
      "validation_failed",
      "problem.unknownOrganisations",
      unknown.map((c) => ({ field: "clientIds", message: "field.idNotAnOrganisation", params: { id: c } })),
    );
  }
  const country = orgs.find((o) => o.id === hostId)?.country ?? "NL";
  const [collaboration] = await tx
    .insert(collaborations)
    .values({
      key: `samen-${randomUUID()}`,
      name: input.name,
      form: "gastheergemeente",
      nature: "collaboration",
      country,
      coordinatorId: hostId,
      startedOn: input.startsOn,
      endedOn: input.endsOn ?? null,
      source: "Samen",
      sourceDate: new Date().toISOString().slice(0, 10),
    })
    .returning({ id: collaborations.id });
  if (!collaboration) throw new Error("collaboration not stored");
  await tx.insert(memberships).values([
    {
      collaborationId: collaboration.id,
      organisationId: hostId,
      role: "host" as const,
      validFrom: input.startsOn,
      enteredByOrganisationId: hostId,
      confirmedAt: new Date(),
      confirmedByOrganisationId: hostId,
      source: "Samen",
    },
    ...clientIds.map((c) => ({
      collaborationId: collaboration.id,
      organisationId: c,
      role: "client" as const,
      validFrom: input.startsOn,
      validTo: input.endsOn ?? null,
      enteredByOrganisationId: hostId,
      source: "Samen",
    })),
  ]);
  const [framework] = await tx
    .insert(frameworks)
    .values({
      collaborationId: collaboration.id,
      hostId,
      name: input.name,
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
      status: input.status,
      legalRegime: input.legalRegime,
      governance: input.governance,
      isDemo,
    })
    .returning();
  if (!framework) throw new Error("framework not stored");
  await tx
    .insert(frameworkClients)
    .values(clientIds.map((organisationId) => ({ frameworkId: framework.id, organisationId })));
  await recordAudit(tx, ctx, {
    entityType: "framework",
    entityId: framework.id,
    ownerOrganisationId: hostId,
    action: "create",
    after: input,
  });
  return framework;
}

export async function updateFramework(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  changes: Partial<Pick<CreateFrameworkInput, "name" | "startsOn" | "endsOn" | "status" | "governance">> & {
    calendarTemplateId?: string | null | undefined;
  },
) {
  const { framework } = await frameworkFor(tx, ctx.actor, id, "manage");
  if (changes.calendarTemplateId) {
    await checkTemplateChoice(tx, framework.hostId, framework.legalRegime, changes.calendarTemplateId);
  }
  checkTerm(changes.startsOn ?? framework.startsOn, changes.endsOn !== undefined ? changes.endsOn : framework.endsOn);
  const version = await updateVersioned(tx, frameworks, id, framework, expectedVersion, changes, "framework agreement");
  await recordAudit(tx, ctx, {
    entityType: "framework",
    entityId: id,
    ownerOrganisationId: framework.hostId,
    action: "update",
    before: previousValues(framework, changes),
    after: changes,
  });
  return version;
}

/** Checks that a framework may use the template: the host's own, for the agreement's legal regime. */
export async function checkTemplateChoice(tx: Queryable, hostId: string, regime: string, templateId: string) {
  const [template] = await tx.select().from(calendarTemplates).where(eq(calendarTemplates.id, templateId));
  if (!template || template.ownerOrganisationId !== hostId) {
    throw new AppError("validation_failed", "problem.hostTemplate", [
      { field: "calendarTemplateId", message: "field.notHostTemplate" },
    ]);
  }
  if (template.legalRegime !== regime) {
    throw new AppError("validation_failed", "problem.templateRegime", [
      {
        field: "calendarTemplateId",
        message: "field.templateOtherRegime",
        params: { template: template.legalRegime, regime },
      },
    ]);
  }
}
