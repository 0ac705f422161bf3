import { z } from "zod";
import { changesOf, isoDate, plainText } from "../../platform/http/schemas.ts";
import { deploymentConflicts, deploymentFeedKinds, deploymentStatuses } from "../../platform/vocabulary.ts";

const reference = z.object({ id: z.uuid(), name: z.string() });

/** A wall-clock time, HH:MM, on the quarter hour or any minute. */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "field.clockTime" });

export const deploymentSchema = z
  .object({
    id: z.uuid(),
    provider: reference,
    staff: reference,
    organisation: reference,
    project: reference.nullable(),
    dossier: z.string().nullable(),
    day: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    status: z.enum(deploymentStatuses),
    plannedMinutes: z.number().int(),
    doneMinutes: z.number().int().nullable(),
    note: z.string().nullable(),
    conflicts: z
      .array(z.enum(deploymentConflicts))
      .describe("What it runs into: the staff member's leave, a day the organisation is closed"),
    version: z.number().int(),
    abilities: z.object({ plan: z.boolean(), report: z.boolean() }),
  })
  .meta({ id: "Deployment" });

export const listDeploymentsQuery = z
  .object({
    staffUserId: z.uuid({ message: "field.uuid" }).optional(),
    organisationId: z.uuid({ message: "field.uuid" }).optional(),
    projectId: z.uuid({ message: "field.uuid" }).optional(),
    from: isoDate.optional().describe("First day; today when not given"),
    to: isoDate.optional().describe("Last day; 90 days after the first when not given, at most 400"),
  })
  .strict();

const deploymentFields = z.object({
  staffUserId: z.uuid({ message: "field.uuid" }),
  organisationId: z.uuid({ message: "field.uuid" }),
  projectId: z.uuid({ message: "field.uuid" }).nullable().default(null),
  dossier: plainText(200).nullable().default(null),
  day: isoDate,
  startsAt: clockTime,
  endsAt: clockTime,
  note: plainText(2000).nullable().default(null),
});

export const planDeploymentBody = deploymentFields.strict();
export type PlanDeploymentInput = z.infer<typeof planDeploymentBody>;

export const updateDeploymentBody = changesOf(
  deploymentFields.omit({ staffUserId: true, organisationId: true, projectId: true }).extend({
    status: z.enum(deploymentStatuses),
    doneMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .nullable(),
  }),
);
export type UpdateDeploymentInput = z.infer<typeof updateDeploymentBody>;

export const absenceSchema = z
  .object({
    id: z.uuid(),
    staff: reference,
    fromDay: z.string(),
    toDay: z.string(),
    reason: z.string().nullable(),
  })
  .meta({ id: "StaffAbsence" });

export const recordAbsenceBody = z
  .object({
    userId: z.uuid({ message: "field.uuid" }),
    fromDay: isoDate,
    toDay: isoDate,
    reason: plainText(200).nullable().default(null),
  })
  .strict();
export type RecordAbsenceInput = z.infer<typeof recordAbsenceBody>;

export const hoursSchema = z
  .object({
    projectId: z.uuid(),
    participants: z.array(
      reference.extend({
        plannedMinutes: z.number().int().describe("Planned and done deployments, cancelled left out"),
        doneMinutes: z.number().int(),
      }),
    ),
    plannedMinutes: z.number().int(),
    doneMinutes: z.number().int(),
  })
  .meta({ id: "ProjectHours" });

export const createFeedBody = z
  .object({
    kind: z.enum(deploymentFeedKinds),
    subjectId: z
      .uuid({ message: "field.uuid" })
      .describe("The staff member's user id, the organisation's or the project's id"),
  })
  .strict();
