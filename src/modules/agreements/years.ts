import { and, eq, sql } from "drizzle-orm";
import { canonicalJson, recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { dutchOrder } from "../../platform/collation.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { subAgreementYears } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { abilitiesOf } from "../../platform/policy.ts";
import { namesOf } from "../organisations/queries.ts";
import { type AllocationKey, allocateBudget, explainAllocation, quarterlyAdvances } from "./allocation.ts";
import { actualFields, budgetFields, checked } from "./allocation-fields.ts";
import { stale } from "./frameworks.ts";
import { clientFiguresPolicy, frameworkPolicy, yearPolicy } from "./policy.ts";
import type { YearInput } from "./schemas.ts";
import { isSettled, refreshDraftSettlement } from "./settlements.ts";
import { subAgreementFor } from "./sub-agreements.ts";

/**
 * Sets a year's budget, key and accents (and, after the year, the actual costs and figures). The year must fall in
 * the agreement's term; the key must work for exactly the framework's clients. Creating needs no If-Match;
 * changing does.
 */
export async function putYear(
  tx: Tx,
  ctx: RequestContext,
  subId: string,
  year: number,
  expectedVersion: number | null,
  input: YearInput,
) {
  const { sub, framework, clientIds, view } = await subAgreementFor(tx, ctx.actor, subId, "manage");
  const first = Number(framework.startsOn.slice(0, 4));
  const last = framework.endsOn ? Number(framework.endsOn.slice(0, 4)) : 2100;
  if (year < first || year > last) {
    throw new AppError("validation_failed", "problem.yearOutsideTerm", [
      {
        field: "params.year",
        ...(framework.endsOn
          ? { message: "field.betweenYears", params: { from: first, until: last } }
          : { message: "field.fromYear", params: { from: first } }),
      },
    ]);
  }
  const clients = [...clientIds].sort();
  checked(budgetFields, () => allocateBudget(input.budgetCents, clients, input.key as AllocationKey, input.accents));
  if (input.actualCents !== undefined && input.actualCents !== null) {
    checked(actualFields, () =>
      allocateBudget(
        input.actualCents as number,
        clients,
        (input.actualKey ?? input.key) as AllocationKey,
        input.actualAccents ?? [],
      ),
    );
  }
  const [existing] = await tx
    .select()
    .from(subAgreementYears)
    .where(and(eq(subAgreementYears.subAgreementId, subId), eq(subAgreementYears.year, year)))
    .for("update");
  const settled = existing ? await isSettled(tx, subId, year) : false;
  if (existing && settled) {
    const changed = (
      [
        ["budgetCents", Number(existing.budgetCents), input.budgetCents],
        ["key", existing.key, input.key],
        ["accents", existing.accents, input.accents],
      ] as const
    ).filter(([, before, after]) => canonicalJson(before) !== canonicalJson(after));
    if (changed.length && !yearPolicy.changeBudget(ctx.actor, { ...view, settled })) {
      throw new AppError(
        "conflict",
        "problem.yearSettled",
        changed.map(([field]) => ({ field: `body.${field}`, message: "field.frozenBySettlement" })),
      );
    }
  }
  const values = {
    budgetCents: input.budgetCents,
    key: input.key as Record<string, unknown>,
    accents: input.accents,
    actualCents: input.actualCents ?? null,
    actualKey: (input.actualKey ?? null) as Record<string, unknown> | null,
    actualAccents: input.actualAccents ?? null,
  };
  let version: number;
  if (!existing) {
    if (expectedVersion !== null) throw stale("year", expectedVersion, 0);
    // Two first saves at once: the second finds the row taken and is told, as any stale write is.
    const inserted = await tx
      .insert(subAgreementYears)
      .values({ subAgreementId: subId, year, ...values })
      .onConflictDoNothing()
      .returning({ version: subAgreementYears.version });
    if (!inserted.length) throw new AppError("precondition_failed", "problem.yearFiguresRace");
    version = 1;
  } else {
    if (expectedVersion === null) throw new AppError("precondition_required", "problem.yearExists");
    if (existing.version !== expectedVersion) throw stale("year", expectedVersion, existing.version);
    const [updated] = await tx
      .update(subAgreementYears)
      .set({ ...values, version: sql`${subAgreementYears.version} + 1`, updatedAt: new Date() })
      .where(
        and(
          eq(subAgreementYears.subAgreementId, subId),
          eq(subAgreementYears.year, year),
          eq(subAgreementYears.version, expectedVersion),
        ),
      )
      .returning({ version: subAgreementYears.version });
    if (!updated) throw stale("year", expectedVersion, expectedVersion + 1);
    version = updated.version;
  }
  const [stored] = await tx
    .select()
    .from(subAgreementYears)
    .where(and(eq(subAgreementYears.subAgreementId, subId), eq(subAgreementYears.year, year)));
  if (stored) await refreshDraftSettlement(tx, subId, year, stored, clientIds);
  await recordAudit(tx, ctx, {
    entityType: "sub_agreement_year",
    entityId: `${subId}:${year}`,
    ownerOrganisationId: framework.hostId,
    action: existing ? "update" : "create",
    before: existing
      ? {
          budgetCents: Number(existing.budgetCents),
          key: existing.key,
          accents: existing.accents,
          actualCents: existing.actualCents === null ? null : Number(existing.actualCents),
          actualKey: existing.actualKey,
          actualAccents: existing.actualAccents,
        }
      : undefined,
    after: { ...values, subAgreement: sub.name },
  });
  return version;
}

/** A year with its budget per client: shared part, accents, advances per quarter and why (the explanation). */
export async function getYear(db: Queryable, actor: Actor, subId: string, year: number) {
  const { view, clientIds } = await subAgreementFor(db, actor, subId);
  const settled = await isSettled(db, subId, year);
  const [row] = await db
    .select()
    .from(subAgreementYears)
    .where(and(eq(subAgreementYears.subAgreementId, subId), eq(subAgreementYears.year, year)));
  if (!row) throw new AppError("not_found", "notFound.yearFigures");
  const clients = [...clientIds].sort();
  const key = row.key as unknown as AllocationKey;
  const lines = allocateBudget(Number(row.budgetCents), clients, key, row.accents);
  const explanation = new Map(explainAllocation(Number(row.budgetCents), clients, key).map((e) => [e.clientId, e]));
  const names = await namesOf(db, clients);
  const all = frameworkPolicy.readAllClients(actor, view);
  const shown = lines
    .filter((l) => clientFiguresPolicy.read(actor, { ...view, clientId: l.clientId }))
    .sort((a, b) => dutchOrder(names.get(a.clientId) ?? "", names.get(b.clientId) ?? ""));
  return {
    subAgreementId: subId,
    year,
    budgetCents: Number(row.budgetCents),
    key,
    accents: all
      ? row.accents
      : row.accents.filter((a) => clientFiguresPolicy.read(actor, { ...view, clientId: a.clientId })),
    actualCents: row.actualCents === null ? null : Number(row.actualCents),
    actualKey: (row.actualKey as unknown as AllocationKey | null) ?? null,
    actualAccents:
      row.actualAccents === null
        ? null
        : all
          ? row.actualAccents
          : row.actualAccents.filter((a) => clientFiguresPolicy.read(actor, { ...view, clientId: a.clientId })),
    version: row.version,
    budget: shown.map((l) => {
      const e = explanation.get(l.clientId);
      return {
        client: { id: l.clientId, name: names.get(l.clientId) ?? "" },
        sharedCents: l.sharedCents,
        accentCents: l.accentCents,
        totalCents: l.totalCents,
        advancesCents: quarterlyAdvances(l.totalCents),
        explanation: { parts: e?.parts ?? [], exactCents: e?.exactCents ?? "0.00", roundedUp: e?.roundedUp ?? false },
      };
    }),
    shownClients: all ? ("all" as const) : ("own" as const),
    settled,
    abilities: abilitiesOf(yearPolicy, actor, { ...view, settled }),
  };
}
