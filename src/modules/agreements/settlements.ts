import { and, desc, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { dutchOrder } from "../../platform/collation.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { organisations, settlements, subAgreementYears } from "../../platform/db/schema.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { namesOf } from "../organisations/queries.ts";
import { type AllocationKey, allocateBudget, settle } from "./allocation.ts";
import { actualFields, checked } from "./allocation-fields.ts";
import { clientFiguresPolicy } from "./policy.ts";
import { subAgreementFor } from "./sub-agreements.ts";

const toSettlement = (row: typeof settlements.$inferSelect, filter: (clientId: string) => boolean) => ({
  id: row.id,
  subAgreementId: row.subAgreementId,
  year: row.year,
  version: row.version,
  status: row.status,
  actualCents: Number(row.actualCents),
  note: row.note,
  lines: (
    row.lines as unknown as {
      client: { id: string; name: string };
      sharedCents: number;
      accentCents: number;
      totalCents: number;
      advancesCents: number;
      balanceCents: number;
    }[]
  ).filter((l) => filter(l.client.id)),
  approvedAt: row.approvedAt?.toISOString() ?? null,
  approvedBy: row.approvedBy,
  createdAt: row.createdAt.toISOString(),
});

/** Whether an approved settlement of the year exists: from then on its budget is frozen. */
export async function isSettled(db: Queryable, subId: string, year: number): Promise<boolean> {
  const [row] = await db
    .select({ id: settlements.id })
    .from(settlements)
    .where(and(eq(settlements.subAgreementId, subId), eq(settlements.year, year), eq(settlements.status, "approved")))
    .limit(1);
  return Boolean(row);
}

/**
 * Settles a year: the actual shared costs divided with the actual figures, plus the actual accents, minus the
 * advances (the four quarters of each client's budget). A draft is recomputed in place; after an approved one, a
 * new version is a correction and says why.
 */
type YearRow = typeof subAgreementYears.$inferSelect;

/**
 * A settlement's lines from a year's figures: each client's budget (its advances), the actual amount and the
 * balance, in the clients' alphabetical order. The year must have its actual costs.
 */
async function settlementLines(
  db: Queryable,
  row: YearRow & { actualCents: number | bigint },
  clientIds: string[],
  known?: Record<string, string>,
) {
  const clients = [...clientIds].sort();
  const budget = allocateBudget(Number(row.budgetCents), clients, row.key as unknown as AllocationKey, row.accents);
  const advancesPaidCents = Object.fromEntries(budget.map((l) => [l.clientId, l.totalCents]));
  const result = checked(actualFields, () =>
    settle({
      actualSharedCents: Number(row.actualCents),
      clients,
      key: (row.actualKey ?? row.key) as unknown as AllocationKey,
      accents: row.actualAccents ?? row.accents,
      advancesPaidCents,
    }),
  );
  const names = known ? new Map(Object.entries(known)) : await namesOf(db, clients);
  const byName = (a: { clientId: string }, b: { clientId: string }) =>
    dutchOrder(names.get(a.clientId) ?? "", names.get(b.clientId) ?? "");
  return [...result].sort(byName).map((l) => ({
    client: { id: l.clientId, name: names.get(l.clientId) ?? "" },
    sharedCents: l.sharedCents,
    accentCents: l.accentCents,
    totalCents: l.totalCents,
    advancesCents: l.advancesCents,
    balanceCents: l.balanceCents,
  }));
}

async function latestSettlement(db: Queryable, subId: string, year: number) {
  const [latest] = await db
    .select()
    .from(settlements)
    .where(and(eq(settlements.subAgreementId, subId), eq(settlements.year, year)))
    .orderBy(desc(settlements.version))
    .limit(1);
  return latest;
}

/**
 * After a year's figures change, its draft settlement (if the newest version is one) is computed again from them,
 * so no statement shows a draft made from figures that are gone; without actual costs the draft is withdrawn.
 * Approved versions are never touched.
 */
export async function refreshDraftSettlement(tx: Tx, subId: string, year: number, row: YearRow, clientIds: string[]) {
  const latest = await latestSettlement(tx, subId, year);
  if (latest?.status !== "draft") return;
  if (row.actualCents === null) {
    await tx.delete(settlements).where(eq(settlements.id, latest.id));
    return;
  }
  const lines = await settlementLines(tx, { ...row, actualCents: row.actualCents }, clientIds);
  await tx
    .update(settlements)
    .set({ lines, actualCents: Number(row.actualCents) })
    .where(eq(settlements.id, latest.id));
}

export async function settleYear(tx: Tx, ctx: RequestContext, subId: string, year: number, note: string | null) {
  const { framework, clientIds } = await subAgreementFor(tx, ctx.actor, subId, "manage");
  // The year's figures, its newest settlement and the clients' names, in one read.
  const [found] = await tx
    .select({
      row: subAgreementYears,
      latest: settlements,
      names: sql<Record<string, string> | null>`(select jsonb_object_agg(o.id, o.name) from ${organisations} o
        where o.id = any(${`{${clientIds.join(",")}}`}::uuid[]))`,
    })
    .from(subAgreementYears)
    .leftJoin(
      settlements,
      and(
        eq(settlements.subAgreementId, subAgreementYears.subAgreementId),
        eq(settlements.year, subAgreementYears.year),
        sql`${settlements.version} = (select max(s.version) from ${settlements} s where s.sub_agreement_id = ${subId} and s.year = ${year})`,
      ),
    )
    .where(and(eq(subAgreementYears.subAgreementId, subId), eq(subAgreementYears.year, year)));
  if (!found) throw new AppError("not_found", "notFound.yearFigures");
  const { row, latest, names } = found;
  if (row.actualCents === null) {
    throw new AppError("validation_failed", "problem.actualCostsFirst", [
      { field: "actualCents", message: "field.notEntered" },
    ]);
  }
  const lines = await settlementLines(tx, { ...row, actualCents: row.actualCents }, clientIds, names ?? {});
  if (latest?.status === "approved" && !note) {
    throw new AppError("validation_failed", "problem.settlementCorrectionNote", [
      { field: "body.note", message: "field.requiredForCorrection" },
    ]);
  }
  let saved: typeof settlements.$inferSelect | undefined;
  if (latest && latest.status === "draft") {
    [saved] = await tx
      .update(settlements)
      .set({ lines, actualCents: Number(row.actualCents), note, createdAt: new Date() })
      .where(eq(settlements.id, latest.id))
      .returning();
  } else {
    [saved] = await tx
      .insert(settlements)
      .values({
        subAgreementId: subId,
        year,
        version: (latest?.version ?? 0) + 1,
        lines,
        actualCents: Number(row.actualCents),
        note,
      })
      .returning();
  }
  if (!saved) throw new Error("settlement not stored");
  await recordAudit(tx, ctx, {
    entityType: "settlement",
    entityId: saved.id,
    ownerOrganisationId: framework.hostId,
    action: "compute",
    after: { year, version: saved.version },
  });
  return toSettlement(saved, () => true);
}

/** Approves a draft settlement: from then on it is frozen. */
export async function approveSettlement(tx: Tx, ctx: RequestContext, id: string) {
  const [row] = await tx.select().from(settlements).where(eq(settlements.id, id));
  if (!row) throw notFound("settlement");
  const { framework } = await subAgreementFor(tx, ctx.actor, row.subAgreementId, "manage");
  if (row.status !== "draft") throw new AppError("conflict", "problem.settlementApproved");
  const [approved] = await tx
    .update(settlements)
    .set({ status: "approved", approvedAt: new Date(), approvedBy: ctx.actor.name })
    .where(and(eq(settlements.id, id), eq(settlements.status, "draft")))
    .returning();
  if (!approved) throw new AppError("conflict", "problem.settlementApprovedMeanwhile");
  await recordAudit(tx, ctx, {
    entityType: "settlement",
    entityId: id,
    ownerOrganisationId: framework.hostId,
    action: "approve",
  });
  return toSettlement(approved, () => true);
}

export async function listSettlements(db: Queryable, actor: Actor, subId: string, year: number) {
  const { view } = await subAgreementFor(db, actor, subId);

  const rows = await db
    .select()
    .from(settlements)
    .where(and(eq(settlements.subAgreementId, subId), eq(settlements.year, year)))
    .orderBy(desc(settlements.version));
  return rows.map((r) => toSettlement(r, (clientId) => clientFiguresPolicy.read(actor, { ...view, clientId })));
}
