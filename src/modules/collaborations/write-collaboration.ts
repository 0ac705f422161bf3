import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { collaborationDomains, collaborations, policyDomains } from "../../platform/db/schema.ts";
import { stale } from "../../platform/db/versioned.ts";
import { AppError } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { collaborationPolicy, mayCreateCollaboration } from "./policy.ts";
import { collaborationFor } from "./queries.ts";
import { type CreateCollaborationInput, createCollaborationBody, type UpdateCollaborationInput } from "./schemas.ts";

export async function checkDomains(tx: Tx, ids: string[]) {
  if (!ids.length) return;
  const known = new Set(
    (await tx.select({ id: policyDomains.id }).from(policyDomains).where(inArray(policyDomains.id, ids))).map(
      (d) => d.id,
    ),
  );
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new AppError(
      "validation_failed",
      "problem.unknownPolicyDomains",
      unknown.map((id) => ({ field: "domainIds", message: "field.idNotAPolicyDomain", params: { id } })),
    );
  }
}

/** Creates a collaboration coordinated by the organisation the actor acts for. */
export async function createCollaboration(tx: Tx, ctx: RequestContext, input: CreateCollaborationInput) {
  if (!mayCreateCollaboration(ctx.actor)) {
    throw new AppError("forbidden", "problem.collaborationNeedsEditor");
  }
  const body = createCollaborationBody.parse(input);
  const { domainIds, ...fields } = body;
  await checkDomains(tx, domainIds);
  const [row] = await tx
    .insert(collaborations)
    .values({
      ...fields,
      key: `samen-${randomUUID()}`,
      coordinatorId: ctx.actor.organisationId,
      source: "Samen",
      sourceDate: new Date().toISOString().slice(0, 10),
    })
    .returning();
  if (!row) throw new Error("collaboration not stored");
  if (domainIds.length)
    await tx.insert(collaborationDomains).values(domainIds.map((domainId) => ({ collaborationId: row.id, domainId })));
  await recordAudit(tx, ctx, {
    entityType: "collaboration",
    entityId: row.id,
    ownerOrganisationId: row.coordinatorId,
    action: "create",
    after: body,
  });
  return row;
}

/** Changes a collaboration if the caller saw its current version (else 412, nothing changed). */
export async function updateCollaboration(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  changes: UpdateCollaborationInput,
) {
  const current = await collaborationFor(tx, ctx.actor, id, "read");
  authorize(collaborationPolicy, ctx.actor, "update", current);
  if (current.version !== expectedVersion) {
    throw stale("changed", expectedVersion, current.version);
  }
  const { domainIds, ...fields } = changes;
  const startedOn = fields.startedOn !== undefined ? fields.startedOn : current.startedOn;
  const endedOn = fields.endedOn !== undefined ? fields.endedOn : current.endedOn;
  if (startedOn && endedOn && startedOn > endedOn) {
    throw new AppError("validation_failed", "problem.collaborationEndsBeforeStart", [
      { field: "endedOn", message: "field.endsBeforeStart" },
    ]);
  }
  const before: Record<string, unknown> = {};
  for (const field of Object.keys(fields)) before[field] = current[field as keyof typeof current];
  const [updated] = await tx
    .update(collaborations)
    .set({ ...fields, version: sql`${collaborations.version} + 1`, updatedAt: new Date() })
    .where(and(eq(collaborations.id, id), eq(collaborations.version, expectedVersion)))
    .returning({ version: collaborations.version });
  if (!updated) throw new AppError("precondition_failed", "problem.changed.collaboration");
  if (domainIds) {
    await checkDomains(tx, domainIds);
    const old = await tx
      .select({ id: collaborationDomains.domainId })
      .from(collaborationDomains)
      .where(eq(collaborationDomains.collaborationId, id));
    before.domainIds = old.map((d) => d.id);
    await tx.delete(collaborationDomains).where(eq(collaborationDomains.collaborationId, id));
    if (domainIds.length)
      await tx.insert(collaborationDomains).values(domainIds.map((domainId) => ({ collaborationId: id, domainId })));
  }
  await recordAudit(tx, ctx, {
    entityType: "collaboration",
    entityId: id,
    ownerOrganisationId: current.coordinatorId,
    action: "update",
    before,
    after: changes,
  });
  return updated.version;
}
