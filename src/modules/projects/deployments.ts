import { and, asc, eq, gte, inArray, isNull, lte, ne, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import {
  closingDays,
  deployments,
  organisations,
  projectParticipants,
  projects,
  staffAbsences,
  userRoles,
  users,
} from "../../platform/db/schema.ts";
import { previousValues } from "../../platform/db/versioned.ts";
import { AppError, forbidden, notFound } from "../../platform/errors.ts";
import { abilitiesOf, authorize } from "../../platform/policy.ts";
import type { Country, DeploymentConflict } from "../../platform/vocabulary.ts";
import { isWorkingDay } from "../../platform/working-days.ts";
import type { PlanDeploymentInput, UpdateDeploymentInput } from "./deployment-schemas.ts";
import { deploymentPolicy, mayPlanDeployments } from "./policy.ts";
import { today } from "./queries.ts";

/** Minutes between two wall-clock times on one day. */
export const minutesBetween = (from: string, to: string) => {
  const at = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return at(to) - at(from);
};

const addDays = (isoDay: string, days: number) =>
  new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Which deployments an actor sees: those of the organisation it acts for as provider or as the place of work, and
 * its own as a staff member; a platform administrator sees all.
 */
export function visibleTo(actor: Actor): SQL | undefined {
  if (actor.isPlatformAdmin) return undefined;
  const own: SQL[] = [];
  if (actor.organisationId)
    own.push(eq(deployments.providerId, actor.organisationId), eq(deployments.organisationId, actor.organisationId));
  if (actor.kind === "user" && actor.userId) own.push(eq(deployments.staffUserId, actor.userId));
  return own.length ? or(...own) : sql`false`;
}

const staff = alias(users, "staff");
const place = alias(organisations, "place");
const provider = alias(organisations, "provider");

/** Deployments with the names they carry, what they run into, and what the actor may do with each. */
export async function presentDeployments(db: Queryable, actor: Actor, where: SQL | undefined) {
  const rows = await db
    .select({
      deployment: deployments,
      staffName: staff.name,
      placeName: place.name,
      placeCountry: place.country,
      providerName: provider.name,
      projectTitle: projects.title,
    })
    .from(deployments)
    .innerJoin(staff, eq(staff.id, deployments.staffUserId))
    .innerJoin(place, eq(place.id, deployments.organisationId))
    .innerJoin(provider, eq(provider.id, deployments.providerId))
    .leftJoin(projects, eq(projects.id, deployments.projectId))
    .where(where)
    .orderBy(asc(deployments.day), asc(deployments.startsAt), asc(deployments.id))
    .limit(2000);
  const staffIds = [...new Set(rows.map((r) => r.deployment.staffUserId))];
  const days = rows.map((r) => r.deployment.day).sort();
  const absences =
    staffIds.length && days.length
      ? await db
          .select()
          .from(staffAbsences)
          .where(
            and(
              inArray(staffAbsences.userId, staffIds),
              lte(staffAbsences.fromDay, days.at(-1) as string),
              gte(staffAbsences.toDay, days[0] as string),
            ),
          )
      : [];
  const places = [...new Set(rows.map((r) => r.deployment.organisationId))];
  const closed =
    places.length && days.length
      ? new Set(
          (
            await db
              .select({ organisationId: closingDays.organisationId, day: closingDays.day })
              .from(closingDays)
              .where(
                and(
                  inArray(closingDays.organisationId, places),
                  gte(closingDays.day, days[0] as string),
                  lte(closingDays.day, days.at(-1) as string),
                ),
              )
          ).map((c) => `${c.organisationId}|${c.day}`),
        )
      : new Set<string>();
  return rows.map((r) => {
    const d = r.deployment;
    const conflicts: DeploymentConflict[] = [];
    if (absences.some((a) => a.userId === d.staffUserId && a.fromDay <= d.day && a.toDay >= d.day))
      conflicts.push("leave");
    if (!isWorkingDay(d.day, r.placeCountry as Country) || closed.has(`${d.organisationId}|${d.day}`))
      conflicts.push("closed");
    const { read: _read, ...abilities } = abilitiesOf(deploymentPolicy, actor, d);
    return {
      id: d.id,
      provider: { id: d.providerId, name: r.providerName },
      staff: { id: d.staffUserId, name: r.staffName },
      organisation: { id: d.organisationId, name: r.placeName },
      project: d.projectId && r.projectTitle !== null ? { id: d.projectId, name: r.projectTitle } : null,
      dossier: d.dossier,
      day: d.day,
      startsAt: d.startsAt,
      endsAt: d.endsAt,
      status: d.status,
      plannedMinutes: minutesBetween(d.startsAt, d.endsAt),
      doneMinutes: d.status === "done" ? (d.doneMinutes ?? minutesBetween(d.startsAt, d.endsAt)) : null,
      note: d.note,
      conflicts,
      version: d.version,
      abilities,
      placeCountry: r.placeCountry as Country,
    };
  });
}

export type PresentedDeployment = Awaited<ReturnType<typeof presentDeployments>>[number];

/** A calendar of deployments: of a staff member, an organisation or a project, between two days, as the actor sees it. */
export async function listDeployments(
  db: Queryable,
  actor: Actor,
  query: { staffUserId?: string; organisationId?: string; projectId?: string; from?: string; to?: string },
) {
  const from = query.from ?? today();
  const to = query.to ?? addDays(from, 90);
  if (to < from || to > addDays(from, 400))
    throw new AppError("validation_failed", "problem.daysRange", [
      { field: "querystring.to", message: "field.period" },
    ]);
  const where = [gte(deployments.day, from), lte(deployments.day, to), visibleTo(actor)];
  if (query.staffUserId) where.push(eq(deployments.staffUserId, query.staffUserId));
  if (query.organisationId) where.push(eq(deployments.organisationId, query.organisationId));
  if (query.projectId) where.push(eq(deployments.projectId, query.projectId));
  const items = await presentDeployments(db, actor, and(...where));
  return { from, to, items: items.map(({ placeCountry: _country, ...item }) => item) };
}

export async function getDeployment(db: Queryable, actor: Actor, id: string) {
  const [item] = await presentDeployments(db, actor, eq(deployments.id, id));
  if (
    !item ||
    !deploymentPolicy.read(actor, {
      ...item,
      providerId: item.provider.id,
      organisationId: item.organisation.id,
      staffUserId: item.staff.id,
    })
  )
    throw notFound("deployment");
  const { placeCountry: _country, ...rest } = item;
  return rest;
}

/** The checks every deployment passes: a span within the day, a project it may serve, no double booking. */
async function check(
  tx: Tx,
  d: {
    id?: string;
    providerId: string;
    staffUserId: string;
    organisationId: string;
    projectId: string | null;
    day: string;
    startsAt: string;
    endsAt: string;
    status: string;
  },
) {
  if (minutesBetween(d.startsAt, d.endsAt) <= 0)
    throw new AppError("validation_failed", "problem.deploymentEndsBeforeStart", [
      { field: "endsAt", message: "field.endsBeforeStart" },
    ]);
  if (d.projectId) {
    const [project] = await tx.select().from(projects).where(eq(projects.id, d.projectId));
    if (!project || project.providerId !== d.providerId)
      throw new AppError("validation_failed", "problem.notYourProject", [
        { field: "projectId", message: "field.notOwnProject" },
      ]);
    if (d.day < project.startsOn || (project.endsOn && d.day > project.endsOn))
      throw new AppError("validation_failed", "problem.dayOutsideProject", [
        { field: "day", message: "field.outsideProject" },
      ]);
    const [participant] = await tx
      .select({ id: projectParticipants.id })
      .from(projectParticipants)
      .where(
        and(
          eq(projectParticipants.projectId, d.projectId),
          eq(projectParticipants.organisationId, d.organisationId),
          sql`${projectParticipants.confirmedAt} IS NOT NULL`,
        ),
      );
    if (!participant)
      throw new AppError("validation_failed", "problem.notTakingPart", [
        { field: "organisationId", message: "field.notParticipant" },
      ]);
  }
  if (d.status === "cancelled") return;
  // One person is in one place at a time: a deployment that overlaps another of theirs is refused.
  const [overlap] = await tx
    .select({ id: deployments.id })
    .from(deployments)
    .where(
      and(
        eq(deployments.staffUserId, d.staffUserId),
        eq(deployments.day, d.day),
        ne(deployments.status, "cancelled"),
        sql`${deployments.startsAt} < ${d.endsAt} AND ${deployments.endsAt} > ${d.startsAt}`,
        ...(d.id ? [ne(deployments.id, d.id)] : []),
      ),
    )
    .for("update");
  if (overlap)
    throw new AppError("conflict", "problem.alreadyDeployed", [{ field: "startsAt", message: "field.doubleBooked" }]);
}

/** Plans a deployment of one of the provider's staff (the organisation the actor acts for). */
export async function planDeployment(tx: Tx, ctx: RequestContext, input: PlanDeploymentInput) {
  const providerId = ctx.actor.organisationId;
  if (!providerId) throw forbidden("Act for the organisation whose staff you deploy.");
  authorize(deploymentPolicy, ctx.actor, "plan", {
    providerId,
    organisationId: input.organisationId,
    staffUserId: input.staffUserId,
  });
  // Serialise the plans of one person, so two at once cannot both pass the overlap check.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`deploy:${input.staffUserId}`}))`);
  const [member] = await tx
    .select({ userId: userRoles.userId })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.userId, input.staffUserId), eq(userRoles.organisationId, providerId)));
  if (!member)
    throw new AppError("validation_failed", "problem.notYourStaff", [
      { field: "staffUserId", message: "field.notStaff" },
    ]);
  const [place] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, input.organisationId));
  if (!place)
    throw new AppError("validation_failed", "problem.noSuchOrganisation", [
      { field: "organisationId", message: "field.noSuchOrganisation" },
    ]);
  await check(tx, { ...input, providerId, status: "planned" });
  const [row] = await tx
    .insert(deployments)
    .values({ ...input, providerId })
    .returning({ id: deployments.id });
  if (!row) throw new Error("deployment not stored");
  await recordAudit(tx, ctx, {
    entityType: "deployment",
    entityId: row.id,
    ownerOrganisationId: providerId,
    action: "plan",
    after: input,
  });
  return row;
}

/** What only the provider's planners change; the staff member reports the rest (done, the minutes, a note). */
const plannedFields = ["day", "startsAt", "endsAt", "dossier"] as const;

export async function updateDeployment(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  changes: UpdateDeploymentInput,
) {
  const [current] = await tx.select().from(deployments).where(eq(deployments.id, id)).for("update");
  if (!current || !deploymentPolicy.read(ctx.actor, current)) throw notFound("deployment");
  authorize(deploymentPolicy, ctx.actor, "report", current);
  if (plannedFields.some((f) => f in changes) && !deploymentPolicy.plan(ctx.actor, current))
    throw forbidden("Only the provider's planners move a deployment.");
  if (current.version !== expectedVersion) throw new AppError("precondition_failed", "problem.changed.deployment");
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`deploy:${current.staffUserId}`}))`);
  const next = { ...current, ...changes };
  if (next.status === "done" && next.day > today())
    throw new AppError("validation_failed", "problem.deploymentDoneOnItsDay", [
      { field: "status", message: "field.notInFuture" },
    ]);
  await check(tx, { ...next, id });
  const [updated] = await tx
    .update(deployments)
    .set({ ...changes, version: sql`${deployments.version} + 1`, updatedAt: new Date() })
    .where(and(eq(deployments.id, id), eq(deployments.version, expectedVersion)))
    .returning({ version: deployments.version });
  if (!updated) throw new AppError("precondition_failed", "problem.changed.deployment");
  await recordAudit(tx, ctx, {
    entityType: "deployment",
    entityId: id,
    ownerOrganisationId: current.providerId,
    action: "update",
    before: previousValues(current, changes),
    after: changes,
  });
  return updated.version;
}

/** The people of the organisation the actor acts for (its staff), by name, for those who plan deployments. */
export async function listStaff(db: Queryable, actor: Actor) {
  if (!actor.organisationId || !mayPlanDeployments(actor)) throw forbidden("Only planners see the staff list.");
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.organisationId, actor.organisationId), isNull(users.disabledAt)))
    .orderBy(asc(users.name), asc(users.id));
  return { items: rows };
}

/** Hours of a project's deployments per participant: planned (not cancelled) against done. */
export async function projectHours(db: Queryable, projectId: string) {
  const rows = await db
    .select({
      organisationId: deployments.organisationId,
      name: organisations.name,
      planned: sql<number>`coalesce(sum(
        (extract(epoch from ${deployments.endsAt}::time) - extract(epoch from ${deployments.startsAt}::time)) / 60
      ) filter (where ${deployments.status} <> 'cancelled'), 0)::int`,
      done: sql<number>`coalesce(sum(coalesce(${deployments.doneMinutes},
        (extract(epoch from ${deployments.endsAt}::time) - extract(epoch from ${deployments.startsAt}::time)) / 60
      )) filter (where ${deployments.status} = 'done'), 0)::int`,
    })
    .from(deployments)
    .innerJoin(organisations, eq(organisations.id, deployments.organisationId))
    .where(eq(deployments.projectId, projectId))
    .groupBy(deployments.organisationId, organisations.name)
    .orderBy(asc(organisations.name));
  const participants = rows.map((r) => ({
    id: r.organisationId,
    name: r.name,
    plannedMinutes: Number(r.planned),
    doneMinutes: Number(r.done),
  }));
  return {
    projectId,
    participants,
    plannedMinutes: participants.reduce((n, p) => n + p.plannedMinutes, 0),
    doneMinutes: participants.reduce((n, p) => n + p.doneMinutes, 0),
  };
}
