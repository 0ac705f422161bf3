import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { actsFor, mayWrite } from "../../platform/auth/actor.ts";
import type { RequestContext } from "../../platform/context.ts";
import { writeCsv } from "../../platform/csv.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import {
  collaborations,
  frameworkClients,
  frameworks,
  memberships,
  organisations,
  settlements,
  subAgreements,
  subAgreementYears,
} from "../../platform/db/schema.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { abilitiesOf, authorize } from "../../platform/policy.ts";
import { writeXlsx } from "../../platform/xlsx.ts";
import {
  AllocationError,
  type AllocationKey,
  allocateBudget,
  explainAllocation,
  quarterlyAdvances,
  settle,
} from "./allocation.ts";
import { frameworkPolicy } from "./policy.ts";
import type { CreateFrameworkInput, YearInput } from "./schemas.ts";
import { statementPdf } from "./statement.ts";

const stale = (what: string, expected: number, current: number) =>
  new AppError(
    "precondition_failed",
    `This ${what} was changed since you read it (you have version ${expected}, it is now ${current}). Nothing was saved; reload and make your change again.`,
  );

/** A framework with its clients, after its policy allowed the action; refusals to read look like a missing one. */
export async function frameworkFor(
  db: Queryable,
  actor: Actor,
  id: string,
  action: keyof typeof frameworkPolicy = "read",
) {
  const [framework] = await db.select().from(frameworks).where(eq(frameworks.id, id));
  if (!framework) throw notFound("No such framework agreement.");
  const clientIds = (
    await db
      .select({ id: frameworkClients.organisationId })
      .from(frameworkClients)
      .where(eq(frameworkClients.frameworkId, id))
  ).map((c) => c.id);
  const view = { hostId: framework.hostId, clientIds };
  authorize(frameworkPolicy, actor, "read", view, { conceal: "No such framework agreement." });
  if (action !== "read") authorize(frameworkPolicy, actor, action, view);
  return { framework, clientIds, view };
}

async function namesOf(db: Queryable, ids: readonly string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
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
  const [names, subs] = await Promise.all([
    namesOf(db, [framework.hostId, ...clientIds]),
    db
      .select({ id: subAgreements.id, name: subAgreements.name, domain: subAgreements.domain })
      .from(subAgreements)
      .where(eq(subAgreements.frameworkId, id))
      .orderBy(asc(subAgreements.name)),
  ]);
  return {
    id: framework.id,
    collaborationId: framework.collaborationId,
    name: framework.name,
    host: { id: framework.hostId, name: names.get(framework.hostId) ?? "" },
    clients: clientIds
      .map((c) => ({ id: c, name: names.get(c) ?? "" }))
      .sort((a, b) => a.name.localeCompare(b.name, "nl")),
    startsOn: framework.startsOn,
    endsOn: framework.endsOn,
    status: framework.status,
    legalRegime: framework.legalRegime,
    governance: framework.governance,
    subAgreements: subs,
    isDemo: framework.isDemo,
    version: framework.version,
    abilities: abilitiesOf(frameworkPolicy, actor, view) as { manage: boolean; readAllClients: boolean; read: boolean },
  };
}

function checkTerm(startsOn: string, endsOn: string | null | undefined) {
  if (endsOn && endsOn < startsOn) {
    throw new AppError("validation_failed", "The agreement ends before it starts.", [
      { field: "endsOn", message: "is before startsOn" },
    ]);
  }
}

/**
 * A host sets up a framework agreement with its clients: the agreement, and in the register a collaboration of
 * form gastheergemeente with the host and each client as members (the clients confirm their participation there).
 */
export async function createFramework(tx: Tx, ctx: RequestContext, input: CreateFrameworkInput, isDemo = false) {
  const hostId = ctx.actor.organisationId;
  if (!hostId || !mayWrite(ctx.actor) || !actsFor(ctx.actor, hostId, "editor")) {
    throw new AppError("forbidden", "Act as an editor of the host organisation to set up a framework agreement.");
  }
  checkTerm(input.startsOn, input.endsOn);
  const clientIds = [...new Set(input.clientIds)];
  if (clientIds.includes(hostId)) {
    throw new AppError("validation_failed", "The host is not its own client.", [
      { field: "clientIds", message: "contains the host" },
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
      "Unknown organisations.",
      unknown.map((c) => ({ field: "clientIds", message: `${c} is not an organisation` })),
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
  changes: Partial<Pick<CreateFrameworkInput, "name" | "startsOn" | "endsOn" | "status" | "governance">>,
) {
  const { framework } = await frameworkFor(tx, ctx.actor, id, "manage");
  if (framework.version !== expectedVersion) throw stale("framework agreement", expectedVersion, framework.version);
  checkTerm(changes.startsOn ?? framework.startsOn, changes.endsOn !== undefined ? changes.endsOn : framework.endsOn);
  const [updated] = await tx
    .update(frameworks)
    .set({ ...changes, version: sql`${frameworks.version} + 1`, updatedAt: new Date() })
    .where(and(eq(frameworks.id, id), eq(frameworks.version, expectedVersion)))
    .returning({ version: frameworks.version });
  if (!updated) throw stale("framework agreement", expectedVersion, expectedVersion + 1);
  await recordAudit(tx, ctx, {
    entityType: "framework",
    entityId: id,
    ownerOrganisationId: framework.hostId,
    action: "update",
    before: Object.fromEntries(Object.keys(changes).map((k) => [k, framework[k as keyof typeof framework]])),
    after: changes,
  });
  return updated.version;
}

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

async function subAgreementFor(db: Queryable, actor: Actor, id: string, action: keyof typeof frameworkPolicy = "read") {
  const [sub] = await db.select().from(subAgreements).where(eq(subAgreements.id, id));
  if (!sub) throw notFound("No such sub-agreement.");
  const framework = await frameworkFor(db, actor, sub.frameworkId, action).catch((error: unknown) => {
    if (error instanceof AppError && error.status === 404) throw notFound("No such sub-agreement.");
    throw error;
  });
  return { sub, ...framework };
}

export async function updateSubAgreement(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  changes: SubAgreementInput,
) {
  const { sub, framework } = await subAgreementFor(tx, ctx.actor, id, "manage");
  if (sub.version !== expectedVersion) throw stale("sub-agreement", expectedVersion, sub.version);
  const [updated] = await tx
    .update(subAgreements)
    .set({ ...changes, version: sql`${subAgreements.version} + 1`, updatedAt: new Date() })
    .where(and(eq(subAgreements.id, id), eq(subAgreements.version, expectedVersion)))
    .returning({ version: subAgreements.version });
  if (!updated) throw stale("sub-agreement", expectedVersion, expectedVersion + 1);
  await recordAudit(tx, ctx, {
    entityType: "sub_agreement",
    entityId: id,
    ownerOrganisationId: framework.hostId,
    action: "update",
    after: changes,
  });
  return updated.version;
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

/** The engine's field names, as the request names them: the budget's, or the actual figures'. */
const budgetFields = { key: "key", accents: "accents", totalCents: "budgetCents" };
const actualFields = { key: "actualKey", accents: "actualAccents", totalCents: "actualCents" };

/** Runs the engine to check a key and accents against the clients; its refusals become field errors. */
function checked<T>(names: typeof budgetFields, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof AllocationError) {
      const [head = "", ...rest] = error.field.split(".");
      const field = [names[head as keyof typeof names] ?? head, ...rest].join(".");
      throw new AppError("validation_failed", error.message, [{ field: `body.${field}`, message: error.message }]);
    }
    throw error;
  }
}

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
  const { sub, framework, clientIds } = await subAgreementFor(tx, ctx.actor, subId, "manage");
  const first = Number(framework.startsOn.slice(0, 4));
  const last = framework.endsOn ? Number(framework.endsOn.slice(0, 4)) : 2100;
  if (year < first || year > last) {
    throw new AppError(
      "validation_failed",
      `The year is outside the agreement's term (${first} to ${framework.endsOn ? last : "open"}).`,
      [
        {
          field: "params.year",
          message: `must be between ${first} and ${framework.endsOn ? last : "the end of the term"}`,
        },
      ],
    );
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
    .where(and(eq(subAgreementYears.subAgreementId, subId), eq(subAgreementYears.year, year)));
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
    await tx.insert(subAgreementYears).values({ subAgreementId: subId, year, ...values });
    version = 1;
  } else {
    if (expectedVersion === null)
      throw new AppError("precondition_required", "This year exists: send the ETag you read as If-Match.");
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
  await recordAudit(tx, ctx, {
    entityType: "sub_agreement_year",
    entityId: `${subId}:${year}`,
    ownerOrganisationId: framework.hostId,
    action: existing ? "update" : "create",
    before: existing
      ? { budgetCents: existing.budgetCents, key: existing.key, actualCents: existing.actualCents }
      : undefined,
    after: { ...values, subAgreement: sub.name },
  });
  return version;
}

/** A year with its budget per client: shared part, accents, advances per quarter and why (the explanation). */
export async function getYear(db: Queryable, actor: Actor, subId: string, year: number) {
  const { view, clientIds } = await subAgreementFor(db, actor, subId);
  const [row] = await db
    .select()
    .from(subAgreementYears)
    .where(and(eq(subAgreementYears.subAgreementId, subId), eq(subAgreementYears.year, year)));
  if (!row) throw notFound("No figures for that year.");
  const clients = [...clientIds].sort();
  const key = row.key as unknown as AllocationKey;
  const lines = allocateBudget(Number(row.budgetCents), clients, key, row.accents);
  const explanation = new Map(explainAllocation(Number(row.budgetCents), clients, key).map((e) => [e.clientId, e]));
  const names = await namesOf(db, clients);
  const all = frameworkPolicy.readAllClients(actor, view);
  const shown = lines
    .filter((l) => all || actsFor(actor, l.clientId, "viewer"))
    .sort((a, b) => (names.get(a.clientId) ?? "").localeCompare(names.get(b.clientId) ?? "", "nl"));
  return {
    subAgreementId: subId,
    year,
    budgetCents: Number(row.budgetCents),
    key,
    accents: all ? row.accents : row.accents.filter((a) => actsFor(actor, a.clientId, "viewer")),
    actualCents: row.actualCents === null ? null : Number(row.actualCents),
    actualKey: (row.actualKey as unknown as AllocationKey | null) ?? null,
    actualAccents:
      row.actualAccents === null
        ? null
        : all
          ? row.actualAccents
          : row.actualAccents.filter((a) => actsFor(actor, a.clientId, "viewer")),
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
  };
}

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

/**
 * Settles a year: the actual shared costs divided with the actual figures, plus the actual accents, minus the
 * advances (the four quarters of each client's budget). A draft is recomputed in place; after an approved one, a
 * new version is a correction and says why.
 */
export async function settleYear(tx: Tx, ctx: RequestContext, subId: string, year: number, note: string | null) {
  const { framework, clientIds } = await subAgreementFor(tx, ctx.actor, subId, "manage");
  const [row] = await tx
    .select()
    .from(subAgreementYears)
    .where(and(eq(subAgreementYears.subAgreementId, subId), eq(subAgreementYears.year, year)));
  if (!row) throw notFound("No figures for that year.");
  if (row.actualCents === null) {
    throw new AppError("validation_failed", "Enter the year's actual costs before settling it.", [
      { field: "actualCents", message: "is not entered yet" },
    ]);
  }
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
  const names = await namesOf(tx, clients);
  const byName = (a: { clientId: string }, b: { clientId: string }) =>
    (names.get(a.clientId) ?? "").localeCompare(names.get(b.clientId) ?? "", "nl");
  const lines = [...result].sort(byName).map((l) => ({
    client: { id: l.clientId, name: names.get(l.clientId) ?? "" },
    sharedCents: l.sharedCents,
    accentCents: l.accentCents,
    totalCents: l.totalCents,
    advancesCents: l.advancesCents,
    balanceCents: l.balanceCents,
  }));
  const [latest] = await tx
    .select()
    .from(settlements)
    .where(and(eq(settlements.subAgreementId, subId), eq(settlements.year, year)))
    .orderBy(desc(settlements.version))
    .limit(1);
  if (latest?.status === "approved" && !note) {
    throw new AppError("validation_failed", "An approved settlement is corrected by a new version that says why.", [
      { field: "body.note", message: "is required for a correction" },
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
  if (!row) throw notFound("No such settlement.");
  const { framework } = await subAgreementFor(tx, ctx.actor, row.subAgreementId, "manage");
  if (row.status !== "draft")
    throw new AppError("conflict", "This settlement is approved already; correct it with a new version.");
  const [approved] = await tx
    .update(settlements)
    .set({ status: "approved", approvedAt: new Date(), approvedBy: ctx.actor.name })
    .where(and(eq(settlements.id, id), eq(settlements.status, "draft")))
    .returning();
  if (!approved) throw new AppError("conflict", "This settlement was approved meanwhile.");
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
  const all = frameworkPolicy.readAllClients(actor, view);
  const rows = await db
    .select()
    .from(settlements)
    .where(and(eq(settlements.subAgreementId, subId), eq(settlements.year, year)))
    .orderBy(desc(settlements.version));
  return rows.map((r) => toSettlement(r, (clientId) => all || actsFor(actor, clientId, "viewer")));
}

const overviewColumns = [
  "framework",
  "sub_agreement",
  "year",
  "client",
  "budget_shared",
  "budget_accents",
  "budget_total",
  "advances",
  "actual_total",
  "balance",
  "settlement",
] as const;
type OverviewRow = Record<(typeof overviewColumns)[number], string | number | null>;

/**
 * One year of a framework per sub-agreement and client: budget (shared, accents, total), advances, and from the
 * newest settlement the actual amount and the balance. Amounts in cents. `only` limits it to one client.
 */
async function overviewRows(db: Queryable, actor: Actor, frameworkId: string, year: number, only?: string) {
  const { framework } = await frameworkFor(db, actor, frameworkId);
  const subs = await db
    .select()
    .from(subAgreements)
    .where(eq(subAgreements.frameworkId, frameworkId))
    .orderBy(asc(subAgreements.name));
  const rows: OverviewRow[] = [];
  for (const sub of subs) {
    const yearRow = await getYear(db, actor, sub.id, year).catch(() => null);
    if (!yearRow) continue;
    const [settled] = await db
      .select()
      .from(settlements)
      .where(and(eq(settlements.subAgreementId, sub.id), eq(settlements.year, year)))
      .orderBy(desc(settlements.version))
      .limit(1);
    const settledLines = new Map(
      ((settled?.lines ?? []) as unknown as { client: { id: string }; totalCents: number; balanceCents: number }[]).map(
        (l) => [l.client.id, l],
      ),
    );
    for (const line of yearRow.budget) {
      if (only && line.client.id !== only) continue;
      const s = settledLines.get(line.client.id);
      rows.push({
        framework: framework.name,
        sub_agreement: sub.name,
        year,
        client: line.client.name,
        budget_shared: line.sharedCents,
        budget_accents: line.accentCents,
        budget_total: line.totalCents,
        advances: line.advancesCents.reduce((a, b) => a + b, 0),
        actual_total: s ? s.totalCents : null,
        balance: s ? s.balanceCents : null,
        settlement: settled ? `v${settled.version} ${settled.status}` : null,
      });
    }
  }
  return { framework, rows };
}

const moneyColumns = new Set([
  "budget_shared",
  "budget_accents",
  "budget_total",
  "advances",
  "actual_total",
  "balance",
]);

/** The host's overview of a year as CSV (euros with two decimals). */
export async function frameworkOverviewCsv(db: Queryable, actor: Actor, frameworkId: string, year: number) {
  await frameworkFor(db, actor, frameworkId, "readAllClients");
  const { rows } = await overviewRows(db, actor, frameworkId, year);
  return writeCsv(
    overviewColumns,
    rows.map((r) =>
      Object.fromEntries(
        overviewColumns.map((c) => [
          c,
          moneyColumns.has(c) && typeof r[c] === "number" ? ((r[c] as number) / 100).toFixed(2) : r[c],
        ]),
      ),
    ),
  );
}

/** The host's overview of a year as a spreadsheet: amounts are numbers in euro, so it sums them. */
export async function frameworkOverviewXlsx(db: Queryable, actor: Actor, frameworkId: string, year: number) {
  await frameworkFor(db, actor, frameworkId, "readAllClients");
  const { rows } = await overviewRows(db, actor, frameworkId, year);
  return writeXlsx([
    {
      name: `Overzicht ${year}`,
      rows: [
        [
          "Raamovereenkomst",
          "Deelovereenkomst",
          "Jaar",
          "Afnemer",
          "Begroot gedeeld",
          "Accenten",
          "Begroot totaal",
          "Voorschotten",
          "Werkelijk",
          "Saldo",
          "Afrekening",
        ],
        ...rows.map((r) =>
          overviewColumns.map((c) => (moneyColumns.has(c) && typeof r[c] === "number" ? (r[c] as number) / 100 : r[c])),
        ),
      ],
    },
  ]);
}

/** A client's statement of a year as a PDF: the host and the client itself may have it, nobody else. */
export async function clientStatement(
  db: Queryable,
  actor: Actor,
  frameworkId: string,
  clientId: string,
  year: number,
) {
  const { framework, clientIds, view } = await frameworkFor(db, actor, frameworkId);
  if (
    !clientIds.includes(clientId) ||
    !(frameworkPolicy.readAllClients(actor, view) || actsFor(actor, clientId, "viewer"))
  ) {
    throw notFound("No statement for that client.");
  }
  const { rows } = await overviewRows(db, actor, frameworkId, year, clientId);
  if (!rows.length) throw notFound("No figures for that year.");
  const names = await namesOf(db, [framework.hostId, clientId]);
  return statementPdf({
    framework: framework.name,
    host: names.get(framework.hostId) ?? "",
    client: names.get(clientId) ?? "",
    year,
    lines: rows.map((r) => ({
      subAgreement: String(r.sub_agreement),
      budgetCents: Number(r.budget_total),
      advancesCents: Number(r.advances),
      actualCents: r.actual_total === null ? null : Number(r.actual_total),
      balanceCents: r.balance === null ? null : Number(r.balance),
      settlement:
        r.settlement === null
          ? "Nog niet afgerekend"
          : `Afrekening ${String(r.settlement).replace("approved", "goedgekeurd").replace("draft", "ontwerp")}`,
    })),
    generatedOn: new Date().toISOString().slice(0, 10),
  });
}
