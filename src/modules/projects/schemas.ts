import { z } from "zod";
import { changesOf, isoDate, plainText, requiredText, titleText } from "../../platform/http/schemas.ts";
import { organisationKinds, projectStages, projectStatuses, teamRoles } from "../../platform/vocabulary.ts";

const reference = z.object({ id: z.uuid(), name: z.string() });

export const milestoneSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    dueOn: z.string(),
    doneOn: z.string().nullable(),
    overdue: z.boolean().describe("Past its date and not done"),
    version: z.number().int(),
  })
  .meta({ id: "ProjectMilestone" });

export const participantSummarySchema = z
  .object({
    id: z.uuid(),
    organisation: reference.extend({ kind: z.enum(organisationKinds) }),
    confirmed: z.boolean().describe("Whether the other side confirmed this participation"),
    stage: z
      .enum(projectStages)
      .nullable()
      .describe("Where its own track stands; null for those who may not see the track"),
    behind: z
      .boolean()
      .nullable()
      .describe("Behind the stage the project's schedule expects by today; null for those who may not see the track"),
    abilities: z.object({ readTrack: z.boolean(), confirm: z.boolean(), recordStep: z.boolean() }),
  })
  .meta({ id: "ProjectParticipantSummary" });

export const projectSummarySchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    goal: z.string(),
    provider: reference,
    domain: reference.extend({ id: z.string() }).nullable(),
    status: z.enum(projectStatuses),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
    participants: z.number().int(),
    confirmedParticipants: z.number().int(),
  })
  .meta({ id: "ProjectSummary" });

export const projectSchema = projectSummarySchema
  .extend({
    catalogueEntry: reference.nullable(),
    ticket: z.object({ id: z.uuid(), number: z.number().int(), subject: z.string() }).nullable(),
    team: z.array(reference.extend({ role: z.enum(teamRoles) })).describe("The provider's people on the project"),
    version: z.number().int(),
    participantList: z.array(participantSummarySchema),
    milestones: z.array(milestoneSchema),
    abilities: z.object({
      update: z.boolean(),
      invite: z.boolean(),
      manageMilestones: z.boolean(),
      readHours: z.boolean().describe("Whether you may read the hours of its deployments"),
      manageTeam: z.boolean(),
      postUpdate: z.boolean().describe("Whether you may post a progress update"),
      enrol: z.boolean().describe("Whether the organisation you act for may enrol itself"),
    }),
  })
  .meta({ id: "Project" });

export const stepSchema = z.object({
  id: z.uuid(),
  stage: z.enum(projectStages),
  reachedOn: z.string(),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
});

export const participantSchema = participantSummarySchema
  .extend({
    project: reference.extend({ provider: reference, startsOn: z.string(), endsOn: z.string().nullable() }),
    expectedStage: z.enum(projectStages).describe("The stage the project's schedule expects by today"),
    steps: z.array(stepSchema),
    version: z.number().int(),
  })
  .meta({ id: "ProjectParticipant" });

export const listProjectsQuery = z
  .object({
    status: z.enum(projectStatuses).optional(),
    providerId: z.uuid({ message: "field.uuid" }).optional(),
    participantId: z.uuid({ message: "field.uuid" }).optional().describe("Projects this organisation takes part in"),
  })
  .strict();

export const createProjectBody = z
  .object({
    title: titleText(200),
    goal: requiredText(4000),
    domainId: z.string().max(40).nullable().default(null),
    status: z.enum(projectStatuses).default("planned"),
    startsOn: isoDate,
    endsOn: isoDate.nullable().default(null),
    catalogueEntryId: z.uuid({ message: "field.uuid" }).nullable().default(null),
    ticketId: z
      .uuid({ message: "field.uuid" })
      .nullable()
      .default(null)
      .describe("The front-office question it grew out of"),
  })
  .strict();
export type CreateProjectInput = z.infer<typeof createProjectBody>;

export const updateProjectBody = changesOf(createProjectBody);
export type UpdateProjectInput = z.infer<typeof updateProjectBody>;

export const addParticipantBody = z
  .object({
    organisationId: z
      .uuid({ message: "field.uuid" })
      .describe("The organisation you act for (it enrols) or another one (the provider invites it)"),
  })
  .strict();

export const recordStepBody = z
  .object({
    stage: z.enum(projectStages),
    reachedOn: isoDate,
    note: plainText(2000).nullable().default(null),
  })
  .strict();
export type RecordStepInput = z.infer<typeof recordStepBody>;

export const createMilestoneBody = z
  .object({ title: requiredText(200), dueOn: isoDate, doneOn: isoDate.nullable().default(null) })
  .strict();
export type CreateMilestoneInput = z.infer<typeof createMilestoneBody>;

export const updateMilestoneBody = changesOf(createMilestoneBody);
export type UpdateMilestoneInput = z.infer<typeof updateMilestoneBody>;

export const dashboardSchema = z
  .object({
    month: z.string().describe("The month it looks at, YYYY-MM"),
    projects: z.array(
      projectSummarySchema.extend({
        stages: z.record(z.enum(projectStages), z.number().int()).describe("Confirmed participants per stage"),
        behind: z.array(reference.extend({ participantId: z.uuid(), stage: z.enum(projectStages) })),
        latestUpdates: z
          .array(z.object({ id: z.uuid(), title: z.string(), author: z.string(), createdAt: z.string() }))
          .describe("The three latest progress updates"),
        dueThisMonth: z.array(milestoneSchema),
        overdue: z.array(milestoneSchema),
      }),
    ),
  })
  .meta({ id: "ProjectDashboard" });

export const teamMemberBody = z.object({ role: z.enum(teamRoles) }).strict();

export const closingDaySchema = z.object({ day: z.string(), reason: z.string().nullable() }).meta({ id: "ClosingDay" });

export const closingDayBody = z.object({ day: isoDate, reason: plainText(200).nullable().default(null) }).strict();
