import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { memberships, representatives } from "../../platform/db/schema.ts";
import { previousValues } from "../../platform/db/versioned.ts";
import { AppError } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { councilPolicy } from "./policy.ts";
import type { RepresentativeChanges, RepresentativeInput } from "./schemas.ts";

function checkTerm(term: { since: string | null; until: string | null }) {
  if (term.since && term.until && term.until < term.since) {
    throw new AppError("validation_failed", "council.termEndsBeforeStart", [
      { field: "until", message: "council.termEndsBeforeStart" },
    ]);
  }
}

/** Enters who represents the organisation in a collaboration it is a member of. */
export async function addRepresentative(
  tx: Tx,
  ctx: RequestContext,
  organisationId: string,
  input: RepresentativeInput,
) {
  authorize(councilPolicy, ctx.actor, "keep", { organisationId });
  checkTerm(input);
  const [member] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.collaborationId, input.collaborationId)))
    .limit(1);
  if (!member) {
    throw new AppError("validation_failed", "council.notAMember", [
      { field: "collaborationId", message: "council.notAMember" },
    ]);
  }
  const [row] = await tx
    .insert(representatives)
    .values({ ...input, organisationId })
    .returning({ id: representatives.id });
  if (!row) throw new Error("representative not stored");
  await recordAudit(tx, ctx, {
    entityType: "representative",
    entityId: row.id,
    ownerOrganisationId: organisationId,
    action: "create",
    after: input,
  });
  return row;
}

async function representativeFor(tx: Tx, ctx: RequestContext, id: string) {
  const [row] = await tx.select().from(representatives).where(eq(representatives.id, id));
  if (!row || !councilPolicy.read(ctx.actor, row)) throw new AppError("not_found", "council.noSuchRepresentative");
  authorize(councilPolicy, ctx.actor, "keep", row);
  return row;
}

/** Changes what a representative entry names (a term that ends, a new office); only the fields sent. */
export async function updateRepresentative(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  changes: RepresentativeChanges,
) {
  const row = await representativeFor(tx, ctx, id);
  if (row.version !== expectedVersion) throw new AppError("precondition_failed", "council.changedSinceRead");
  checkTerm({
    since: changes.since === undefined ? row.since : changes.since,
    until: changes.until === undefined ? row.until : changes.until,
  });
  const [updated] = await tx
    .update(representatives)
    .set({ ...changes, version: sql`${representatives.version} + 1` })
    .where(and(eq(representatives.id, id), eq(representatives.version, expectedVersion)))
    .returning({ version: representatives.version });
  if (!updated) throw new AppError("precondition_failed", "council.changedSinceRead");
  await recordAudit(tx, ctx, {
    entityType: "representative",
    entityId: id,
    ownerOrganisationId: row.organisationId,
    action: "update",
    before: previousValues(row, changes),
    after: changes,
  });
  return updated.version;
}

/** Removes an entry made in error (a term that ended is ended with `until`, and stays on record). */
export async function removeRepresentative(tx: Tx, ctx: RequestContext, id: string) {
  const row = await representativeFor(tx, ctx, id);
  await tx.delete(representatives).where(eq(representatives.id, id));
  await recordAudit(tx, ctx, {
    entityType: "representative",
    entityId: id,
    ownerOrganisationId: row.organisationId,
    action: "delete",
    before: { name: row.name, body: row.body, collaborationId: row.collaborationId },
  });
}
