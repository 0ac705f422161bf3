import { randomUUID } from "node:crypto";
import { and, desc, eq, exists, sql } from "drizzle-orm";
import { auditAppendPlaceholder, auditedWrite, auditParameters, recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { dutchOrder } from "../../platform/collation.ts";
import type { RequestContext } from "../../platform/context.ts";
import { preparedIn, type Queryable, type Tx } from "../../platform/db/client.ts";
import {
  frameworkClients,
  frameworks,
  organisations,
  settlements,
  subAgreements,
  subAgreementYears,
} from "../../platform/db/schema.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { namesOf } from "../organisations/queries.ts";
import { type AllocationKey, allocateBudget, settle } from "./allocation.ts";
import { actualFields, checked } from "./allocation-fields.ts";
import { clientIdsOf } from "./frameworks.ts";
import { clientFiguresPolicy } from "./policy.ts";
import { allowedOnSubAgreement, subAgreementFor } from "./sub-agreements.ts";

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

/**
 * Settles a year in two statements, as a submission is saved: one read (the sub-agreement's framework and clients
 * for its policy, the year's figures, its newest settlement and the clients' names), then one write that stores
 * the draft or the new version and appends its audit event, atomic by itself. The write holds only if nothing
 * changed in between: the draft still a draft, no other version added, the year's figures still those read
 * (409 otherwise). No transaction is held open while the lines are computed.
 */
export async function settleYear(db: Queryable, ctx: RequestContext, subId: string, year: number, note: string | null) {
  const [found] = await preparedIn(db, prepareSettlementRead).execute({ subId, year });
  if (!found) throw notFound("sub-agreement");
  const { framework } = allowedOnSubAgreement(ctx.actor, found.framework, found.clientIds, "manage");
  const { row, latest, names } = found;
  if (!row) throw new AppError("not_found", "notFound.yearFigures");
  if (row.actualCents === null) {
    throw new AppError("validation_failed", "problem.actualCostsFirst", [
      { field: "actualCents", message: "field.notEntered" },
    ]);
  }
  const lines = await settlementLines(db, { ...row, actualCents: row.actualCents }, found.clientIds, names ?? {});
  if (latest?.status === "approved" && !note) {
    throw new AppError("validation_failed", "problem.settlementCorrectionNote", [
      { field: "body.note", message: "field.requiredForCorrection" },
    ]);
  }
  const saved = await storeSettlement(db, ctx, {
    subId,
    year,
    yearVersion: row.version,
    hostId: framework.hostId,
    latest: latest ?? null,
    lines,
    actualCents: Number(row.actualCents),
    note,
  });
  if (!saved) throw new AppError("conflict", "problem.settlementChangedMeanwhile");
  return toSettlement(saved, () => true);
}

/**
 * Stores a settlement computed from the year's figures as read (`yearVersion`) after the newest one read
 * (`latest`): that draft computed again, or a new version. Nothing, and no audit event, when either changed since.
 */
export async function storeSettlement(
  db: Queryable,
  ctx: RequestContext,
  input: {
    subId: string;
    year: number;
    yearVersion: number;
    hostId: string;
    latest: { id: string; version: number; status: string } | null;
    lines: unknown[];
    actualCents: number;
    note: string | null;
  },
) {
  const { subId, year, latest } = input;
  const draft = latest?.status === "draft" ? latest : null;
  const id = draft?.id ?? randomUUID();
  const version = draft?.version ?? (latest?.version ?? 0) + 1;
  const [saved] = await preparedIn(db, draft ? prepareDraftWrite : prepareVersionWrite).execute({
    id,
    subId,
    year,
    version,
    yearVersion: input.yearVersion,
    lines: JSON.stringify(input.lines),
    actualCents: input.actualCents,
    note: input.note,
    createdAt: new Date().toISOString(),
    ...auditParameters(ctx, {
      entityType: "settlement",
      entityId: id,
      ownerOrganisationId: input.hostId,
      action: "compute",
      after: { year, version },
    }),
  });
  return saved;
}

/** A settlement's read, prepared once per database (see settleYear). */
function prepareSettlementRead(db: Queryable) {
  const subId = sql`${sql.placeholder("subId")}::uuid`;
  const year = sql`${sql.placeholder("year")}::integer`;
  return db
    .select({
      framework: frameworks,
      clientIds: clientIdsOf(frameworks.id),
      row: subAgreementYears,
      latest: settlements,
      names: sql<Record<string, string> | null>`(select jsonb_object_agg(o.id, o.name) from ${organisations} o
        join ${frameworkClients} fc on fc.organisation_id = o.id where fc.framework_id = ${frameworks.id})`,
    })
    .from(subAgreements)
    .innerJoin(frameworks, eq(frameworks.id, subAgreements.frameworkId))
    .leftJoin(
      subAgreementYears,
      and(eq(subAgreementYears.subAgreementId, subAgreements.id), eq(subAgreementYears.year, year)),
    )
    .leftJoin(
      settlements,
      and(
        eq(settlements.subAgreementId, subAgreements.id),
        eq(settlements.year, year),
        sql`${settlements.version} = (select max(s.version) from ${settlements} s where s.sub_agreement_id = ${subId} and s.year = ${year})`,
      ),
    )
    .where(eq(subAgreements.id, subId))
    .prepare("samen_settlement_read");
}

/**
 * The values a settlement's write sets, as placeholders: the lines as JSON text (settleYear passes them so), so
 * the same parameters serve the update and the insert.
 */
const placeholders = () => {
  const p = sql.placeholder;
  return {
    lines: sql`${p("lines")}::jsonb`,
    actualCents: sql`${p("actualCents")}::bigint`,
    note: sql`${p("note")}::text`,
    createdAt: sql`${p("createdAt")}::timestamptz`,
  };
};

/** The year's figures, only while they are the version the lines were computed from. */
const figuresAsRead = () =>
  and(
    eq(subAgreementYears.subAgreementId, sql`${sql.placeholder("subId")}::uuid`),
    eq(subAgreementYears.year, sql`${sql.placeholder("year")}::integer`),
    eq(subAgreementYears.version, sql`${sql.placeholder("yearVersion")}::integer`),
  );

/** The draft computed again, while it is still a draft and the figures are those read; with its audit event. */
function prepareDraftWrite(db: Queryable) {
  return auditedWrite(
    db,
    db
      .update(settlements)
      // A draft computed again without a note keeps the one it had (a correction's reason).
      .set({
        ...placeholders(),
        note: sql`coalesce(${sql.placeholder("note")}::text, ${settlements.note})`,
      } as unknown as Partial<typeof settlements.$inferInsert>)
      .where(
        and(
          eq(settlements.id, sql`${sql.placeholder("id")}::uuid`),
          eq(settlements.status, "draft"),
          exists(db.select({ one: sql`1` }).from(subAgreementYears).where(figuresAsRead())),
        ),
      )
      .returning(),
    auditAppendPlaceholder(),
  ).prepare("samen_settlement_draft_write");
}

/**
 * A new version, numbered after the newest, while the figures are those read and no one else took its number;
 * with its audit event. Every column in the table's order (an insert from a select takes them so).
 */
function prepareVersionWrite(db: Queryable) {
  const p = sql.placeholder;
  const { lines, actualCents, note, createdAt } = placeholders();
  const row = {
    id: sql`${p("id")}::uuid`,
    subAgreementId: sql`${p("subId")}::uuid`,
    year: sql`${p("year")}::integer`,
    version: sql`${p("version")}::integer`,
    status: sql`'draft'`,
    lines,
    actualCents,
    note,
    approvedAt: sql`null::timestamptz`,
    approvedBy: sql`null::text`,
    createdAt,
  };
  return auditedWrite(
    db,
    db
      .insert(settlements)
      // Typed as the insert's select takes columns; its fields are the table's, in order, as expressions.
      .select(db.select(row).from(subAgreementYears).where(figuresAsRead()) as never)
      .onConflictDoNothing()
      .returning(),
    auditAppendPlaceholder(),
  ).prepare("samen_settlement_version_write");
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
