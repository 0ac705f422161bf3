import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Queryable, rowsOf } from "../../platform/db/client.ts";
import {
  catalogueEntries,
  organisations,
  participantSteps,
  policyDomains,
  projectMilestones,
  projectParticipants,
  projects,
  projectTeam,
  tickets,
  users,
} from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { abilitiesOf, authorize } from "../../platform/policy.ts";
import { type ProjectStage, projectStages } from "../../platform/vocabulary.ts";
import { participantPolicy, projectPagePolicy, projectPolicy } from "./policy.ts";

export const today = () => new Date().toISOString().slice(0, 10);

const dayNumber = (isoDay: string) => Date.parse(`${isoDay}T00:00:00Z`) / 86_400_000;

/**
 * The stage a participant's track is expected to have reached by a day, from the project's schedule: the intake in
 * its first quarter, the analysis by a quarter of the way, a draft by half way, adopted at its end (a project
 * without an end is read as a year long).
 */
export function expectedStage(project: { startsOn: string; endsOn: string | null }, on: string): ProjectStage {
  const start = dayNumber(project.startsOn);
  const end = project.endsOn ? dayNumber(project.endsOn) : start + 365;
  const done = end > start ? (dayNumber(on) - start) / (end - start) : 1;
  if (done >= 1) return "adopted";
  if (done >= 0.5) return "draft";
  if (done >= 0.25) return "analysis";
  return "intake";
}

export const isBehind = (stage: ProjectStage, expected: ProjectStage) =>
  projectStages.indexOf(stage) < projectStages.indexOf(expected);

/** A project as stored, with its provider's name, or 404. */
export async function projectFor(db: Queryable, id: string) {
  const [row] = await db
    .select({ project: projects, providerName: organisations.name })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.providerId))
    .where(eq(projects.id, id));
  if (!row) throw notFound("project");
  return row;
}

const milestoneView = (m: typeof projectMilestones.$inferSelect, on: string) => ({
  id: m.id,
  title: m.title,
  dueOn: m.dueOn,
  doneOn: m.doneOn,
  overdue: m.doneOn === null && m.dueOn < on,
  version: m.version,
});

/** The participants of projects, with their organisation. */
async function participantsOf(db: Queryable, projectIds: string[]) {
  if (!projectIds.length) return [];
  return db
    .select({
      participant: projectParticipants,
      name: organisations.name,
      kind: organisations.kind,
    })
    .from(projectParticipants)
    .innerJoin(organisations, eq(organisations.id, projectParticipants.organisationId))
    .where(inArray(projectParticipants.projectId, projectIds))
    .orderBy(asc(organisations.name));
}

type ParticipantRow = Awaited<ReturnType<typeof participantsOf>>[number];
type ProjectRow = typeof projects.$inferSelect;

export const participantView = (row: ParticipantRow["participant"], project: ProjectRow) => ({
  organisationId: row.organisationId,
  providerId: project.providerId,
  enteredByOrganisationId: row.enteredByOrganisationId,
  confirmed: row.confirmedAt !== null,
});

function presentParticipant(actor: Actor, row: ParticipantRow, project: ProjectRow, on: string) {
  const abilities = abilitiesOf(participantPolicy, actor, participantView(row.participant, project));
  const confirmed = row.participant.confirmedAt !== null;
  return {
    id: row.participant.id,
    organisation: { id: row.participant.organisationId, name: row.name, kind: row.kind },
    confirmed,
    stage: abilities.readTrack ? row.participant.stage : null,
    behind: abilities.readTrack ? confirmed && isBehind(row.participant.stage, expectedStage(project, on)) : null,
    abilities,
  };
}

/** Summaries of projects: counts of participants, provider and domain names. */
export async function summaries(db: Queryable, rows: ProjectRow[]) {
  if (!rows.length) return [];
  const ids = rows.map((p) => p.id);
  const counts = await db
    .select({
      projectId: projectParticipants.projectId,
      all: sql<number>`count(*)::int`,
      confirmed: sql<number>`count(${projectParticipants.confirmedAt})::int`,
    })
    .from(projectParticipants)
    .where(inArray(projectParticipants.projectId, ids))
    .groupBy(projectParticipants.projectId);
  const names = new Map(
    (
      await db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(inArray(organisations.id, [...new Set(rows.map((p) => p.providerId))]))
    ).map((o) => [o.id, o.name]),
  );
  const domainIds = [...new Set(rows.map((p) => p.domainId).filter((d): d is string => d !== null))];
  const domains = new Map(
    domainIds.length
      ? (
          await db
            .select({ id: policyDomains.id, name: policyDomains.name })
            .from(policyDomains)
            .where(inArray(policyDomains.id, domainIds))
        ).map((d) => [d.id, d.name])
      : [],
  );
  return rows.map((p) => {
    const count = counts.find((c) => c.projectId === p.id);
    return {
      id: p.id,
      title: p.title,
      goal: p.goal,
      provider: { id: p.providerId, name: names.get(p.providerId) ?? "" },
      domain: p.domainId ? { id: p.domainId, name: domains.get(p.domainId) ?? p.domainId } : null,
      status: p.status,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      participants: count?.all ?? 0,
      confirmedParticipants: count?.confirmed ?? 0,
    };
  });
}

/** One project with its participants (tracks where the actor may see them) and milestones. */
export async function getProject(db: Queryable, actor: Actor, id: string) {
  const { project } = await projectFor(db, id);
  authorize(projectPolicy, actor, "read", project);
  const on = today();
  const [summary] = await summaries(db, [project]);
  const participants = await participantsOf(db, [id]);
  const milestones = await db
    .select()
    .from(projectMilestones)
    .where(eq(projectMilestones.projectId, id))
    .orderBy(asc(projectMilestones.dueOn), asc(projectMilestones.title));
  const [entry] = project.catalogueEntryId
    ? await db
        .select({ id: catalogueEntries.id, name: catalogueEntries.question })
        .from(catalogueEntries)
        .where(eq(catalogueEntries.id, project.catalogueEntryId))
    : [];
  const [ticket] = project.ticketId
    ? await db
        .select({ id: tickets.id, number: tickets.number, subject: tickets.subject })
        .from(tickets)
        .where(eq(tickets.id, project.ticketId))
    : [];
  const team = await db
    .select({ id: users.id, name: users.name, role: projectTeam.role })
    .from(projectTeam)
    .innerJoin(users, eq(users.id, projectTeam.userId))
    .where(eq(projectTeam.projectId, id))
    .orderBy(asc(projectTeam.role), asc(users.name));
  const enrolled = participants.some((p) => p.participant.organisationId === actor.organisationId);
  const confirmedHere = participants.some(
    (p) => p.participant.organisationId === actor.organisationId && p.participant.confirmedAt !== null,
  );
  const { read: _read, ...abilities } = abilitiesOf(projectPolicy, actor, project);
  return {
    ...(summary as NonNullable<typeof summary>),
    catalogueEntry: entry ?? null,
    // The question is the provider's and the asker's: others see that it grew from one, not which.
    ticket: ticket && projectPolicy.readHours(actor, project) ? ticket : null,
    team,
    version: project.version,
    participantList: participants.map((row) => presentParticipant(actor, row, project, on)),
    milestones: milestones.map((m) => milestoneView(m, on)),
    abilities: {
      ...abilities,
      ...abilitiesOf(projectPagePolicy, actor, {
        providerId: project.providerId,
        status: project.status,
        enrolled,
        confirmedHere,
      }),
    },
  };
}

/** A participant with its project, locked for a change when `forUpdate`. */
export async function participantFor(db: Queryable, id: string) {
  const [row] = await db
    .select({ participant: projectParticipants, project: projects, name: organisations.name, kind: organisations.kind })
    .from(projectParticipants)
    .innerJoin(projects, eq(projects.id, projectParticipants.projectId))
    .innerJoin(organisations, eq(organisations.id, projectParticipants.organisationId))
    .where(eq(projectParticipants.id, id));
  if (!row) throw notFound("participant");
  return row;
}

/** A participant's page: its track with every step, for its own people and the provider's. */
export async function getParticipant(db: Queryable, actor: Actor, id: string) {
  const row = await participantFor(db, id);
  authorize(participantPolicy, actor, "readTrack", participantView(row.participant, row.project), {
    conceal: "participant",
  });
  const on = today();
  const [provider] = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, row.project.providerId));
  const steps = await db
    .select({
      id: participantSteps.id,
      stage: participantSteps.stage,
      reachedOn: participantSteps.reachedOn,
      note: participantSteps.note,
      recordedBy: users.name,
    })
    .from(participantSteps)
    .leftJoin(users, eq(users.id, participantSteps.recordedBy))
    .where(eq(participantSteps.participantId, id))
    .orderBy(asc(participantSteps.reachedOn), asc(participantSteps.createdAt));
  return {
    ...presentParticipant(actor, { participant: row.participant, name: row.name, kind: row.kind }, row.project, on),
    project: {
      id: row.project.id,
      name: row.project.title,
      provider: provider ?? { id: row.project.providerId, name: "" },
      startsOn: row.project.startsOn,
      endsOn: row.project.endsOn,
    },
    expectedStage: expectedStage(row.project, on),
    steps: steps.map((s) => ({ ...s, recordedBy: s.recordedBy ?? null })),
    version: row.participant.version,
  };
}

/** The coordinator's dashboard: the provider's running and planned projects, who is behind, what is due. */
export async function projectDashboard(db: Queryable, providerId: string, on = today()) {
  const rows = await db
    .select()
    .from(projects)
    .where(and(eq(projects.providerId, providerId), inArray(projects.status, ["planned", "running"])))
    .orderBy(asc(projects.startsOn), asc(projects.title));
  const month = on.slice(0, 7);
  // Confirmed participants, only what the overview shows, grouped by project.
  const participants = new Map<string, { organisationId: string; name: string; id: string; stage: ProjectStage }[]>();
  if (rows.length)
    for (const p of await db
      .select({
        projectId: projectParticipants.projectId,
        id: projectParticipants.id,
        organisationId: projectParticipants.organisationId,
        stage: projectParticipants.stage,
        name: organisations.name,
      })
      .from(projectParticipants)
      .innerJoin(organisations, eq(organisations.id, projectParticipants.organisationId))
      .where(
        and(
          inArray(
            projectParticipants.projectId,
            rows.map((r) => r.id),
          ),
          sql`${projectParticipants.confirmedAt} IS NOT NULL`,
        ),
      )
      .orderBy(asc(organisations.name))) {
      const list = participants.get(p.projectId) ?? [];
      list.push(p);
      participants.set(p.projectId, list);
    }
  const milestones = rows.length
    ? await db
        .select()
        .from(projectMilestones)
        .where(
          inArray(
            projectMilestones.projectId,
            rows.map((p) => p.id),
          ),
        )
        .orderBy(asc(projectMilestones.dueOn))
    : [];
  const summaryRows = await summaries(db, rows);
  // The three latest progress updates of each project, by a window over each project's updates.
  const updates = rows.length
    ? await rowsOf<{ id: string; projectId: string; title: string; createdAt: Date | string; author: string }>(
        db,
        sql`SELECT u.id, u.project_id AS "projectId", u.title, u.created_at AS "createdAt", o.name AS author
            FROM (SELECT id, project_id, title, created_at, author_organisation_id,
                         row_number() OVER (PARTITION BY project_id ORDER BY created_at DESC, id DESC) AS n
                  FROM progress_updates WHERE project_id IN (${sql.join(
                    rows.map((p) => sql`${p.id}::uuid`),
                    sql`, `,
                  )})) u
            JOIN organisations o ON o.id = u.author_organisation_id
            WHERE u.n <= 3 ORDER BY u.created_at DESC`,
      )
    : [];
  return {
    month,
    projects: rows.map((project, i) => {
      const mine = participants.get(project.id) ?? [];
      const expected = expectedStage(project, on);
      const stages = Object.fromEntries(projectStages.map((s) => [s, 0])) as Record<ProjectStage, number>;
      for (const p of mine) stages[p.stage]++;
      const own = milestones.filter((m) => m.projectId === project.id).map((m) => milestoneView(m, on));
      return {
        ...(summaryRows[i] as NonNullable<(typeof summaryRows)[number]>),
        stages,
        behind: mine
          .filter((p) => isBehind(p.stage, expected))
          .map((p) => ({ id: p.organisationId, name: p.name, participantId: p.id, stage: p.stage })),
        latestUpdates: updates
          .filter((u) => u.projectId === project.id)
          .map((u) => ({ id: u.id, title: u.title, author: u.author, createdAt: new Date(u.createdAt).toISOString() })),
        dueThisMonth: own.filter((m) => m.doneOn === null && m.dueOn.startsWith(month)),
        overdue: own.filter((m) => m.overdue),
      };
    }),
  };
}
