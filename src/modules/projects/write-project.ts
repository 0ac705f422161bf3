import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { catalogueEntries, policyDomains, projects, tickets } from "../../platform/db/schema.ts";
import { previousValues } from "../../platform/db/versioned.ts";
import { AppError, forbidden } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { mayCreateProject, projectPolicy } from "./policy.ts";
import { projectFor } from "./queries.ts";
import type { CreateProjectInput, UpdateProjectInput } from "./schemas.ts";

/** The references a project names must exist, and it ends after it starts. */
async function checkProject(
  tx: Tx,
  providerId: string,
  fields: Pick<CreateProjectInput, "domainId" | "startsOn" | "endsOn" | "catalogueEntryId" | "ticketId">,
) {
  if (fields.endsOn && fields.endsOn < fields.startsOn)
    throw new AppError("validation_failed", "problem.projectEndsBeforeStart", [
      { field: "endsOn", message: "field.endsBeforeStart" },
    ]);
  if (fields.domainId) {
    const [domain] = await tx
      .select({ id: policyDomains.id })
      .from(policyDomains)
      .where(eq(policyDomains.id, fields.domainId));
    if (!domain)
      throw new AppError("validation_failed", "problem.noSuchPolicyDomain", [
        { field: "domainId", message: "field.notPolicyDomain" },
      ]);
  }
  if (fields.catalogueEntryId) {
    const [entry] = await tx
      .select({ id: catalogueEntries.id })
      .from(catalogueEntries)
      .where(and(eq(catalogueEntries.id, fields.catalogueEntryId), eq(catalogueEntries.providerId, providerId)));
    if (!entry)
      throw new AppError("validation_failed", "problem.notProviderEntry", [
        { field: "catalogueEntryId", message: "field.notOwnEntry" },
      ]);
  }
  if (fields.ticketId) {
    const [ticket] = await tx
      .select({ id: tickets.id })
      .from(tickets)
      .where(and(eq(tickets.id, fields.ticketId), eq(tickets.providerId, providerId)));
    if (!ticket)
      throw new AppError("validation_failed", "problem.notYourTicket", [
        { field: "ticketId", message: "field.notOwnTicket" },
      ]);
  }
}

/** Starts a project, provided by the organisation the actor acts for. */
export async function createProject(tx: Tx, ctx: RequestContext, input: CreateProjectInput) {
  const providerId = ctx.actor.organisationId;
  if (!mayCreateProject(ctx.actor) || !providerId)
    throw forbidden("Act for an organisation as its editor to start a project.");
  await checkProject(tx, providerId, input);
  const [row] = await tx
    .insert(projects)
    .values({ ...input, providerId })
    .returning();
  if (!row) throw new Error("project not stored");
  await recordAudit(tx, ctx, {
    entityType: "project",
    entityId: row.id,
    ownerOrganisationId: providerId,
    action: "create",
    after: input,
  });
  return row;
}

/** Changes a project if the caller saw its current version. */
export async function updateProject(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  changes: UpdateProjectInput,
) {
  const { project } = await projectFor(tx, id);
  authorize(projectPolicy, ctx.actor, "update", project);
  if (project.version !== expectedVersion) throw new AppError("precondition_failed", "problem.changed.project");
  await checkProject(tx, project.providerId, { ...project, ...changes });
  const [updated] = await tx
    .update(projects)
    .set({ ...changes, version: sql`${projects.version} + 1`, updatedAt: new Date() })
    .where(and(eq(projects.id, id), eq(projects.version, expectedVersion)))
    .returning({ version: projects.version });
  if (!updated) throw new AppError("precondition_failed", "problem.changed.project");
  await recordAudit(tx, ctx, {
    entityType: "project",
    entityId: id,
    ownerOrganisationId: project.providerId,
    action: "update",
    before: previousValues(project, changes),
    after: changes,
  });
  return updated.version;
}
