import { and, eq, inArray, isNotNull, like } from "drizzle-orm";
import type { Tx } from "../../platform/db/client.ts";
import {
  deployments,
  organisations,
  participantSteps,
  policyDomains,
  progressUpdates,
  projectMilestones,
  projectParticipants,
  projects,
  staffAbsences,
  users,
} from "../../platform/db/schema.ts";
import type { ProjectStage } from "../../platform/vocabulary.ts";
import { isWorkingDay } from "../../platform/working-days.ts";

const limburgKey = "be-province-70000";
const hasseltKey = "be-municipality-71072";

/**
 * Provincie Limburg's first seven partner projects. The province announced seven in October 2013 and named
 * one, local elderly-care policy planning; the other six are illustrations of the same kind (marked as demo).
 */
const demoProjects = [
  {
    title: "Lokale ouderenzorgbeleidsplanning",
    goal: "Provinciale medewerkers bestuderen met elk lokaal bestuur zijn dossiers over ouderenzorg en versterken ter plaatse de opmaak van een lokaal ouderenzorgbeleidsplan.",
    domainId: "bbc:095",
    stages: ["analysis", "draft", "intake", "adopted", "analysis", "intake"] as ProjectStage[],
  },
  {
    title: "Gezamenlijk energiebeleid (demo)",
    goal: "Lokale besturen stellen samen met de provincie een energieplan op voor hun eigen gebouwen.",
    domainId: "bbc:0350",
    stages: ["draft", "analysis", "intake"] as ProjectStage[],
  },
  {
    title: "Ruimtelijke beleidsplannen (demo)",
    goal: "Ondersteuning bij de opmaak van een gemeentelijk ruimtelijk beleidsplan.",
    domainId: "bbc:0600",
    stages: ["analysis", "intake", "intake", "draft"] as ProjectStage[],
  },
  {
    title: "Digitaal loket voor omgevingsvergunningen (demo)",
    goal: "Lokale besturen richten samen hun digitale loket voor omgevingsvergunningen in.",
    domainId: null,
    stages: ["intake", "analysis"] as ProjectStage[],
  },
  {
    title: "Vrijetijdsaanbod over de gemeentegrenzen (demo)",
    goal: "Gemeenten bundelen hun sport- en cultuuraanbod voor inwoners van de hele regio.",
    domainId: null,
    stages: ["draft", "draft", "analysis"] as ProjectStage[],
  },
  {
    title: "Interne controle en organisatiebeheersing (demo)",
    goal: "Een gezamenlijk kader voor interne controle, met begeleiding ter plaatse.",
    domainId: null,
    stages: ["adopted", "draft"] as ProjectStage[],
  },
  {
    title: "Lokaal woonbeleid (demo)",
    goal: "Ondersteuning van intergemeentelijke samenwerking rond wonen.",
    domainId: "bbc:0620",
    stages: ["intake", "intake", "analysis"] as ProjectStage[],
  },
];

const stageDays: Record<ProjectStage, string> = {
  intake: "2025-02-03",
  analysis: "2025-05-12",
  draft: "2025-11-17",
  adopted: "2026-06-22",
};

/**
 * Loads Limburg's partner projects with municipalities of the province as participants, their tracks and the
 * projects' milestones. Hasselt takes part in the first (confirmed) and is invited to the second, awaiting its
 * answer. Safe to run at every start.
 */
export async function loadDemoProjects(tx: Tx) {
  const [limburg] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.key, limburgKey));
  if (!limburg) return 0;
  const [existing] = await tx
    .select({ id: projects.id })
    .from(projects)
    .where(eq(projects.providerId, limburg.id))
    .limit(1);
  if (existing) return 0;
  const municipalities = await tx
    .select({ id: organisations.id, key: organisations.key })
    .from(organisations)
    .where(
      and(
        eq(organisations.provinceId, limburg.id),
        eq(organisations.kind, "municipality"),
        eq(organisations.status, "active"),
        like(organisations.key, "be-municipality-7%"),
      ),
    )
    .orderBy(organisations.key);
  const hasselt = municipalities.find((m) => m.key === hasseltKey);
  const others = municipalities.filter((m) => m.key !== hasseltKey);
  const known = new Set(
    (
      await tx
        .select({ id: policyDomains.id })
        .from(policyDomains)
        .where(
          inArray(
            policyDomains.id,
            demoProjects.flatMap((p) => (p.domainId ? [p.domainId] : [])),
          ),
        )
    ).map((d) => d.id),
  );
  let offset = 0;
  for (const [index, demo] of demoProjects.entries()) {
    const [project] = await tx
      .insert(projects)
      .values({
        providerId: limburg.id,
        title: demo.title,
        goal: demo.goal,
        domainId: demo.domainId && known.has(demo.domainId) ? demo.domainId : null,
        status: "running",
        startsOn: "2025-01-06",
        endsOn: "2027-06-30",
      })
      .returning({ id: projects.id });
    if (!project) continue;
    const taking = others.slice(offset, offset + demo.stages.length);
    offset = (offset + demo.stages.length) % Math.max(1, others.length - 6);
    const rows = taking.map((m, i) => ({ organisationId: m.id, stage: demo.stages[i] ?? "intake" }));
    if (hasselt && index === 0) rows.unshift({ organisationId: hasselt.id, stage: "analysis" });
    for (const row of rows) {
      const [participant] = await tx
        .insert(projectParticipants)
        .values({
          projectId: project.id,
          organisationId: row.organisationId,
          enteredByOrganisationId: row.organisationId,
          confirmedAt: new Date("2025-01-20T09:00:00Z"),
          confirmedByOrganisationId: limburg.id,
          stage: row.stage,
        })
        .returning({ id: projectParticipants.id });
      if (!participant) continue;
      const reached = ["intake", "analysis", "draft", "adopted"].slice(
        0,
        ["intake", "analysis", "draft", "adopted"].indexOf(row.stage) + 1,
      ) as ProjectStage[];
      for (const stage of reached)
        await tx.insert(participantSteps).values({ participantId: participant.id, stage, reachedOn: stageDays[stage] });
    }
    if (hasselt && index === 1)
      await tx.insert(projectParticipants).values({
        projectId: project.id,
        organisationId: hasselt.id,
        enteredByOrganisationId: limburg.id,
      });
    if (index === 0) {
      const [hasseltParticipant] = hasselt
        ? await tx
            .select({ id: projectParticipants.id })
            .from(projectParticipants)
            .where(
              and(eq(projectParticipants.projectId, project.id), eq(projectParticipants.organisationId, hasselt.id)),
            )
        : [];
      await tx.insert(progressUpdates).values([
        {
          projectId: project.id,
          authorOrganisationId: limburg.id,
          title: "Startmoment met alle deelnemers",
          body: "Op het startmoment legden **alle deelnemende besturen** hun dossiers ouderenzorg naast elkaar.\n\n- Elk bestuur kreeg een vaste provinciale medewerker.\n- De medewerkers komen om de twee weken ter plaatse.",
          createdAt: new Date("2025-01-30T15:00:00Z"),
          updatedAt: new Date("2025-01-30T15:00:00Z"),
        },
        ...(hasselt && hasseltParticipant
          ? [
              {
                projectId: project.id,
                participantId: hasseltParticipant.id,
                authorOrganisationId: hasselt.id,
                title: "Hasselt: analyse van de dossiers afgerond",
                body: "De analyse van de dossiers **woonzorg** en **thuiszorg** is klaar. Volgende stap: een ontwerp van het lokale ouderenzorgbeleidsplan.",
                createdAt: new Date("2025-05-14T10:00:00Z"),
                updatedAt: new Date("2025-05-14T10:00:00Z"),
              },
            ]
          : []),
      ]);
    }
    await tx.insert(projectMilestones).values([
      { projectId: project.id, title: "Startmoment met alle deelnemers", dueOn: "2025-01-31", doneOn: "2025-01-30" },
      {
        projectId: project.id,
        title: "Analyse van de lokale dossiers afgerond",
        dueOn: "2025-09-30",
        doneOn: "2025-10-14",
      },
      { projectId: project.id, title: "Ontwerpplannen voorgelegd", dueOn: "2026-03-31", doneOn: null },
      { projectId: project.id, title: "Plannen aangenomen door raad of bestuur", dueOn: "2027-06-30", doneOn: null },
    ]);
  }
  await loadDemoDeployments(tx, limburg.id);
  return demoProjects.length;
}

/**
 * A year of Limburg's staff on site for the elderly-care project: two mornings or afternoons a week at its
 * participants, done up to today and planned after; one staff member's summer leave, with a deployment in it left
 * to be flagged.
 */
async function loadDemoDeployments(tx: Tx, limburgId: string) {
  const staff = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, ["coordinator@limburg.demo", "frontoffice@limburg.demo"]))
    .orderBy(users.email);
  const [project] = await tx
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.providerId, limburgId), eq(projects.title, demoProjects[0]?.title ?? "")));
  if (!staff.length || !project) return;
  const places = await tx
    .select({ id: projectParticipants.organisationId })
    .from(projectParticipants)
    .where(and(eq(projectParticipants.projectId, project.id), isNotNull(projectParticipants.confirmedAt)));
  if (!places.length) return;
  const today = new Date().toISOString().slice(0, 10);
  const start = Date.parse("2025-09-02T00:00:00Z");
  const rows: (typeof deployments.$inferInsert)[] = [];
  for (let week = 0; week < 52; week++) {
    for (const [offset, startsAt, endsAt] of [
      [0, "09:00", "12:30"],
      [2, "13:00", "16:30"],
    ] as const) {
      const day = new Date(start + (week * 7 + offset) * 86_400_000).toISOString().slice(0, 10);
      if (!isWorkingDay(day, "BE")) continue;
      const person = staff[(week + offset) % staff.length];
      const place = places[(week * 2 + offset) % places.length];
      if (!person || !place) continue;
      rows.push({
        providerId: limburgId,
        staffUserId: person.id,
        organisationId: place.id,
        projectId: project.id,
        day,
        startsAt,
        endsAt,
        status: day <= today ? "done" : "planned",
        note: day <= today ? "Dossiers samen doorgenomen met de lokale dienst." : null,
      });
    }
  }
  await tx.insert(deployments).values(rows);
  const leaveTaker = staff[1] ?? staff[0];
  if (leaveTaker)
    await tx.insert(staffAbsences).values({
      providerId: limburgId,
      userId: leaveTaker.id,
      fromDay: "2026-07-13",
      toDay: "2026-07-31",
      reason: "Jaarlijks verlof",
    });
}
