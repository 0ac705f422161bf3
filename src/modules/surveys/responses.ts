import { and, eq, sql } from "drizzle-orm";
import { auditAppendPlaceholder, auditedWrite, auditParameters, recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { languageOfContext, type RequestContext } from "../../platform/context.ts";
import { type Db, preparedOn, type Queryable, type Tx } from "../../platform/db/client.ts";
import { organisations, surveyInvitations, surveyResponses, surveys } from "../../platform/db/schema.ts";
import { stale } from "../../platform/db/versioned.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { compileSurvey, perSurveyVersion, validateAnswers } from "./answer-check.ts";
import { submittedColumns } from "./answer-items.ts";
import { answerOf } from "./answer-of.ts";
import { parentOrganisations, segmentColumns, segmentsFrom } from "./audience.ts";
import { responsePolicy, type SurveyView, surveyPolicy } from "./policy.ts";
import { surveyFor } from "./surveys.ts";

/** The largest answer Samen keeps for one organisation (the JSON of its answers). */
const maxAnswerBytes = 512 * 1024;

async function ownResponse(db: Queryable, surveyId: string, organisationId: string) {
  const [row] = await db.select().from(surveyResponses).where(answerOf(surveyId, organisationId));
  return row ?? null;
}

/** The actor's organisation's answer to a survey: what its officials drafted, or what it submitted. */
export async function getResponse(db: Queryable, actor: Actor, surveyId: string) {
  const { survey, view } = await surveyFor(db, actor, surveyId);
  if (!view.invited || !actor.organisationId) {
    throw new AppError("not_found", "problem.notAsked");
  }
  const row = await ownResponse(db, surveyId, actor.organisationId);
  return {
    surveyId,
    status: row?.status ?? ("draft" as const),
    data: row?.data ?? {},
    lastEditedBy: row?.lastEditedBy ?? null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    submittedAt: row?.submittedAt?.toISOString() ?? null,
    submittedBy: row?.submittedBy ?? null,
    version: row?.version ?? 0,
    abilities: {
      draft: survey.status === "open" && row?.status !== "submitted" && surveyPolicyAllows(actor, view, "draft"),
      submit: survey.status === "open" && row?.status !== "submitted" && surveyPolicyAllows(actor, view, "submit"),
      reopen: survey.status === "open" && row?.status === "submitted" && surveyPolicyAllows(actor, view, "submit"),
    },
  };
}

const surveyPolicyAllows = (actor: Actor, view: SurveyView, action: "draft" | "submit") =>
  surveyPolicy[action](actor, view);

/**
 * Saves the draft as officials go. Each save names the version it was based on (If-Match; version 0 for the
 * first), so two officials editing at once do not overwrite each other: the second is told and loses nothing.
 * Drafts may be incomplete; answers to questions the survey does not have are refused.
 */
export async function saveDraft(
  tx: Tx,
  ctx: RequestContext,
  surveyId: string,
  expectedVersion: number,
  data: Record<string, unknown>,
) {
  const { survey } = await surveyFor(tx, ctx.actor, surveyId, "draft");
  const organisationId = ctx.actor.organisationId as string;
  if (Buffer.byteLength(JSON.stringify(data)) > maxAnswerBytes) {
    throw new AppError("validation_failed", "problem.answerTooLarge", [
      { field: "data", message: "field.atMost512KiB" },
    ]);
  }
  const names = new Set(checkers.of(survey).questions.map((q) => q.name));
  const unknown = Object.keys(data).filter((k) => !names.has(k.replace(/-Comment$/, "")));
  if (unknown.length) {
    throw new AppError(
      "validation_failed",
      "problem.answersToUnknownQuestions",
      unknown.map((k) => ({ field: `data.${k}`, message: "field.notAQuestion" })),
    );
  }
  const current = await ownResponse(tx, surveyId, organisationId);
  if (current?.status === "submitted") {
    throw new AppError("conflict", "problem.answerSubmittedReopen");
  }
  const currentVersion = current?.version ?? 0;
  if (currentVersion !== expectedVersion) throw stale("answer", expectedVersion, currentVersion);
  const editor = ctx.actor.name;
  if (!current) {
    const [row] = await tx
      .insert(surveyResponses)
      .values({ surveyId, organisationId, data, lastEditedBy: editor })
      .onConflictDoNothing()
      .returning({ version: surveyResponses.version });
    // Another official created it in the same moment: theirs stands, this save is told.
    if (!row) throw stale("answer", expectedVersion, 1);
    return row.version;
  }
  const [row] = await tx
    .update(surveyResponses)
    .set({ data, lastEditedBy: editor, version: sql`${surveyResponses.version} + 1`, updatedAt: new Date() })
    .where(and(eq(surveyResponses.id, current.id), eq(surveyResponses.version, expectedVersion)))
    .returning({ version: surveyResponses.version });
  if (!row) throw stale("answer", expectedVersion, expectedVersion + 1);
  return row.version;
}

/**
 * Definitions made ready for checking, per survey version: building them is the costly part of checking an answer.
 */
const checkers = perSurveyVersion(200, compileSurvey);

/**
 * An administrator approves the draft and submits it. The answers are checked as the survey library checks them
 * when a form is completed (required, validators, values that fit); a failing answer gets 422 with the questions
 * at fault and stays a draft. Submitting the same version again (a retried request) changes nothing and answers
 * as the first time did.
 *
 * Two statements: one read (the survey, whether the organisation is invited, its answer and the register's
 * segments of it), then one write that marks the answer submitted and appends its audit event, atomic by itself
 * and only if the answer is still the version read (If-Match): a colleague's save in between makes it 412, as a
 * transaction would. No transaction is held open while the answer is checked.
 */
export async function submitResponse(db: Db, ctx: RequestContext, surveyId: string, expectedVersion: number) {
  const organisationId = ctx.actor.organisationId;
  const [found] = await preparedOn(db, prepareSubmissionRead).execute({
    surveyId,
    organisationId,
    today: new Date().toISOString().slice(0, 10),
  });
  if (!found) throw notFound("survey");
  const { survey, invited } = found;
  const view: SurveyView = { ownerId: survey.ownerOrganisationId, status: survey.status, invited };
  authorize(surveyPolicy, ctx.actor, "read", view, { conceal: "survey" });
  const current = invited && found.response?.id ? found.response : null;
  if (
    current?.status === "submitted" &&
    current.version === expectedVersion + 1 &&
    organisationId &&
    responsePolicy.approve(ctx.actor, { organisationId })
  ) {
    return { version: current.version, repeated: true };
  }
  authorize(surveyPolicy, ctx.actor, "submit", view);
  if (!current)
    throw new AppError("validation_failed", "problem.noAnswerYet", [{ field: "data", message: "field.empty" }]);
  if (current.status === "submitted") throw new AppError("conflict", "problem.answerSubmitted");
  if (current.version !== expectedVersion) throw stale("answer", expectedVersion, current.version);
  const ready = await compiledOf(db, survey);
  const { problems, clean } = validateAnswers(ready, current.data, languageOfContext(ctx));
  if (problems.length) {
    throw new AppError(
      "unprocessable",
      "problem.answerIncomplete",
      problems.map((p) => ({ field: p.question, message: p.message })),
      { count: problems.length },
    );
  }
  const now = new Date();
  const [row] = await preparedOn(db, prepareSubmissionWrite).execute({
    id: current.id,
    expectedVersion,
    data: clean,
    ...submittedColumns(
      ready.questions,
      clean,
      segmentsFrom({ ...found, kind: found.kind ?? undefined }),
      survey.sizeThresholds,
    ),
    submittedAt: now,
    submittedBy: ctx.actor.name,
    ...auditParameters(ctx, {
      entityType: "survey_response",
      entityId: current.id,
      ownerOrganisationId: organisationId,
      action: "update",
      after: { status: "submitted", survey: surveyId },
    }),
  });
  if (!row) throw stale("answer", expectedVersion, expectedVersion + 1);
  return { version: row.version, repeated: false };
}

/**
 * A submission's read (the survey, whether the organisation is invited, its answer and the register's segments of
 * it), prepared once per database.
 */
function prepareSubmissionRead(db: Db) {
  const organisationId = sql`${sql.placeholder("organisationId")}::uuid`;
  return db
    .select({
      survey: {
        id: surveys.id,
        version: surveys.version,
        status: surveys.status,
        ownerOrganisationId: surveys.ownerOrganisationId,
        sizeThresholds: surveys.sizeThresholds,
      },
      invited: sql<boolean>`exists (select 1 from ${surveyInvitations} where ${surveyInvitations.surveyId} = ${surveys.id} and ${surveyInvitations.organisationId} = ${organisationId})`,
      response: {
        id: surveyResponses.id,
        status: surveyResponses.status,
        version: surveyResponses.version,
        data: surveyResponses.data,
      },
      ...segmentColumns(sql`${sql.placeholder("today")}::date`),
    })
    .from(surveys)
    .leftJoin(organisations, eq(organisations.id, organisationId))
    .leftJoin(parentOrganisations, eq(parentOrganisations.id, organisations.parentId))
    .leftJoin(
      surveyResponses,
      and(eq(surveyResponses.surveyId, surveys.id), eq(surveyResponses.organisationId, organisations.id)),
    )
    .where(eq(surveys.id, sql`${sql.placeholder("surveyId")}::uuid`))
    .prepare("samen_submission_read");
}

/**
 * A submission's write, prepared once per database: the answer marked submitted, only if it is still the version
 * read, and its audit event appended, in one statement.
 */
function prepareSubmissionWrite(db: Db) {
  const placeholder = sql.placeholder;
  // Placeholders in the SET are encoded as their columns are when the statement runs (drizzle types only values there).
  const values: Record<string, unknown> = {
    data: placeholder("data"),
    status: "submitted",
    items: placeholder("items"),
    segments: placeholder("segments"),
    segmentKind: placeholder("segmentKind"),
    segmentProvinceId: placeholder("segmentProvinceId"),
    segmentSizeClass: placeholder("segmentSizeClass"),
    submittedAt: placeholder("submittedAt"),
    submittedBy: placeholder("submittedBy"),
    version: sql`${surveyResponses.version} + 1`,
    updatedAt: placeholder("submittedAt"),
  };
  return auditedWrite(
    db,
    db
      .update(surveyResponses)
      .set(values as Partial<typeof surveyResponses.$inferInsert>)
      .where(
        and(
          eq(surveyResponses.id, sql`${placeholder("id")}::uuid`),
          eq(surveyResponses.version, sql`${placeholder("expectedVersion")}::integer`),
        ),
      )
      .returning({ version: surveyResponses.version }),
    auditAppendPlaceholder(),
  ).prepare("samen_submission_write");
}

/** A survey version's checker: made once (from its definition, read only then) and kept. */
async function compiledOf(db: Queryable, survey: { id: string; version: number }) {
  const found = checkers.peek(survey);
  if (found) return found;
  const [row] = await db
    .select({ definition: surveys.definition })
    .from(surveys)
    .where(and(eq(surveys.id, survey.id), eq(surveys.version, survey.version)));
  if (!row) throw stale("survey", survey.version, survey.version + 1);
  return checkers.of({ ...survey, definition: row.definition });
}

/** Takes a submitted answer back to a draft while the survey is open, to correct it. */
export async function reopenResponse(tx: Tx, ctx: RequestContext, surveyId: string, expectedVersion: number) {
  const { view } = await surveyFor(tx, ctx.actor, surveyId, "submit");
  const current = await ownResponse(tx, surveyId, ctx.actor.organisationId as string);
  if (!view.invited || current?.status !== "submitted") throw new AppError("conflict", "problem.noSubmittedAnswer");
  if (current.version !== expectedVersion) throw stale("answer", expectedVersion, current.version);
  const [row] = await tx
    .update(surveyResponses)
    .set({
      status: "draft",
      items: null,
      submittedAt: null,
      submittedBy: null,
      version: sql`${surveyResponses.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(surveyResponses.id, current.id), eq(surveyResponses.version, expectedVersion)))
    .returning({ version: surveyResponses.version });
  if (!row) throw stale("answer", expectedVersion, expectedVersion + 1);
  await recordAudit(tx, ctx, {
    entityType: "survey_response",
    entityId: current.id,
    ownerOrganisationId: current.organisationId,
    action: "update",
    after: { status: "draft", survey: surveyId },
  });
  return row.version;
}
