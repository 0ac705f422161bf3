import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { dutchOrder } from "../../platform/collation.ts";
import { languageOfContext, type RequestContext } from "../../platform/context.ts";
import { preparedIn, type Queryable, type Tx } from "../../platform/db/client.ts";
import { type SurveyAudience, surveyInvitations, surveyResponses, surveys } from "../../platform/db/schema.ts";
import { previousValues, updateVersioned } from "../../platform/db/versioned.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { isoDate, patchOf, titleText } from "../../platform/http/schemas.ts";
import { inBothLanguages, type Language, say, sayDay } from "../../platform/i18n.ts";
import type { Mailer } from "../../platform/mail.ts";
import { abilitiesOf, authorize } from "../../platform/policy.ts";
import { isStarterOnly } from "../../platform/survey-starter.ts";
import { organisationKinds, type SurveyKind } from "../../platform/vocabulary.ts";
import { editorsOf } from "../accounts/editors.ts";
import { namesOf } from "../organisations/queries.ts";
import { answerOf } from "./answer-of.ts";
import { resolveAudience } from "./audience.ts";
import { type Finding, lintDefinition, localesOf, questionsOf } from "./definition.ts";
import { surveyCreationPolicy, surveyPolicy } from "./policy.ts";

const uuidList = z.array(z.uuid()).max(2000).default([]);
export const audienceSchema = z
  .object({
    kinds: z.array(z.enum(organisationKinds)).default([]),
    provinceIds: uuidList,
    sizeClasses: z.array(z.number().int().min(0).max(10)).default([]),
    collaborationIds: uuidList,
    organisationIds: uuidList,
  })
  .strict();

export const surveyBody = z
  .object({
    title: titleText(300),
    description: z.string().max(4000).nullish(),
    definition: z.record(z.string(), z.unknown()),
    audience: audienceSchema.optional(),
    sizeThresholds: z.array(z.number().int().positive()).min(1).max(6).optional(),
    anonymous: z.boolean().optional(),
    minGroupSize: z.number().int().min(2).max(50).optional(),
    deadline: isoDate.nullish(),
    series: z.string().trim().max(100).nullish(),
    wave: z.string().trim().max(100).nullish(),
  })
  .strict();
export const surveyChanges = patchOf(surveyBody);

/** A definition that would not run is refused with the linter's findings in words; warnings are kept with it. */
function checkDefinition(definition: Record<string, unknown>, language: Language): Finding[] {
  const findings = lintDefinition(definition, language);
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length) {
    throw new AppError(
      "validation_failed",
      "problem.definitionProblems",
      errors.map((e) => ({ field: `definition.${e.where}`, message: e.message })),
      { count: errors.length },
    );
  }
  return findings;
}

function checkThresholds(thresholds: number[] | undefined) {
  if (thresholds?.some((t, i) => i > 0 && t <= (thresholds[i - 1] ?? 0))) {
    throw new AppError("validation_failed", "problem.sizeClassesAscending", [
      { field: "sizeThresholds", message: "field.ascending" },
    ]);
  }
}

const prepareSurveyRead = (db: Queryable) =>
  db
    .select({
      survey: surveys,
      invited: sql<boolean>`exists (select 1 from ${surveyInvitations} where ${surveyInvitations.surveyId} = ${surveys.id} and ${surveyInvitations.organisationId} = ${sql.placeholder("own")}::uuid)`,
    })
    .from(surveys)
    .where(eq(surveys.id, sql`${sql.placeholder("id")}::uuid`))
    .prepare("samen_survey_read");

/**
 * A survey after its policy allowed the action (read on most survey requests: prepared once); refusals to read look
 * like a missing one.
 */
export async function surveyFor(db: Queryable, actor: Actor, id: string, action: keyof typeof surveyPolicy = "read") {
  const [row] = await preparedIn(db, prepareSurveyRead).execute({ id, own: actor.organisationId ?? null });
  if (!row) throw notFound("survey");
  const { survey, invited } = row;
  const view = { ownerId: survey.ownerOrganisationId, status: survey.status, invited };
  authorize(surveyPolicy, actor, "read", view, { conceal: "survey" });
  if (action !== "read") authorize(surveyPolicy, actor, action, view);
  return { survey, view };
}

export async function getSurvey(db: Queryable, actor: Actor, id: string, language: Language) {
  const { survey, view } = await surveyFor(db, actor, id);
  return {
    id: survey.id,
    owner: survey.ownerOrganisationId,
    title: survey.title,
    description: survey.description,
    definition: survey.definition,
    status: survey.status,
    audience: survey.audience,
    sizeThresholds: survey.sizeThresholds,
    anonymous: survey.anonymous,
    minGroupSize: survey.minGroupSize,
    deadline: survey.deadline,
    series: survey.series,
    wave: survey.wave,
    openedAt: survey.openedAt?.toISOString() ?? null,
    closedAt: survey.closedAt?.toISOString() ?? null,
    isDemo: survey.isDemo,
    version: survey.version,
    findings: lintDefinition(survey.definition, language),
    locales: localesOf(survey.definition),
    questions: questionsOf(survey.definition).length,
    abilities: abilitiesOf(surveyPolicy, actor, view),
  };
}

/** The surveys the actor's organisation owns, and those it is invited to that are open or closed. */
export async function listSurveys(db: Queryable, actor: Actor) {
  const own = actor.organisationId;
  if (!own) return [];
  const invited = db
    .select({ id: surveyInvitations.surveyId })
    .from(surveyInvitations)
    .where(eq(surveyInvitations.organisationId, own));
  const rows = await db
    .select({
      id: surveys.id,
      title: surveys.title,
      status: surveys.status,
      deadline: surveys.deadline,
      owner: surveys.ownerOrganisationId,
      anonymous: surveys.anonymous,
      series: surveys.series,
      wave: surveys.wave,
    })
    .from(surveys)
    .where(
      and(
        eq(surveys.kind, "survey"),
        or(eq(surveys.ownerOrganisationId, own), and(inArray(surveys.id, invited), sql`${surveys.status} <> 'draft'`)),
      ),
    )
    .orderBy(desc(surveys.createdAt), asc(surveys.title));
  const ids = rows.map((r) => r.id);
  const answered = ids.length
    ? await db
        .select({ surveyId: surveyResponses.surveyId, status: surveyResponses.status })
        .from(surveyResponses)
        .where(and(inArray(surveyResponses.surveyId, ids), eq(surveyResponses.organisationId, own)))
    : [];
  const ownResponses = new Map(answered.map((a) => [a.surveyId, a.status]));
  return rows.map((r) => ({
    ...r,
    role: r.owner === own ? ("owner" as const) : ("invited" as const),
    ownResponse: ownResponses.get(r.id) ?? null,
  }));
}

export async function createSurvey(
  tx: Tx,
  ctx: RequestContext,
  input: z.infer<typeof surveyBody>,
  isDemo = false,
  kind: SurveyKind = "survey",
) {
  authorize(surveyCreationPolicy, ctx.actor, kind === "scan" ? "startScan" : "prepare", null);
  const owner = ctx.actor.organisationId as string;
  checkDefinition(input.definition, languageOfContext(ctx));
  checkThresholds(input.sizeThresholds);
  const [row] = await tx
    .insert(surveys)
    .values({
      ownerOrganisationId: owner,
      kind,
      title: input.title,
      description: input.description ?? null,
      definition: input.definition,
      ...(input.audience ? { audience: input.audience } : {}),
      ...(input.sizeThresholds ? { sizeThresholds: input.sizeThresholds } : {}),
      ...(input.anonymous !== undefined ? { anonymous: input.anonymous } : {}),
      ...(input.minGroupSize !== undefined ? { minGroupSize: input.minGroupSize } : {}),
      deadline: input.deadline ?? null,
      series: input.series ?? null,
      wave: input.wave ?? null,
      isDemo,
    })
    .returning({ id: surveys.id });
  if (!row) throw new Error("survey not stored");
  await recordAudit(tx, ctx, {
    entityType: "survey",
    entityId: row.id,
    ownerOrganisationId: owner,
    action: "create",
    after: {
      title: input.title,
      anonymous: input.anonymous ?? false,
      series: input.series ?? null,
      wave: input.wave ?? null,
    },
  });
  return row;
}

/**
 * Changes a survey. Once it is open, its questions and its promise of anonymity no longer change: answers were
 * given to them. The audience, the deadline and the texts around it still may.
 */
export async function updateSurvey(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  changes: z.infer<typeof surveyChanges>,
) {
  const { survey } = await surveyFor(tx, ctx.actor, id, "manage");
  if (survey.status !== "draft") {
    const frozen = (["definition", "anonymous", "minGroupSize", "sizeThresholds"] as const).filter(
      (k) => changes[k] !== undefined,
    );
    if (frozen.length) {
      throw new AppError(
        "conflict",
        "problem.surveyFrozen",
        frozen.map((field) => ({ field, message: "field.frozenAfterOpening" })),
      );
    }
  }
  if (survey.status === "closed") throw new AppError("conflict", "problem.surveyClosed");
  if (changes.definition) checkDefinition(changes.definition, languageOfContext(ctx));
  checkThresholds(changes.sizeThresholds);
  const version = await updateVersioned(tx, surveys, id, survey, expectedVersion, changes, "survey");
  await recordAudit(tx, ctx, {
    entityType: "survey",
    entityId: id,
    ownerOrganisationId: survey.ownerOrganisationId,
    action: "update",
    before: { ...previousValues(survey, changes), ...(changes.definition ? { definition: "changed" } : {}) },
    after: { ...changes, ...(changes.definition ? { definition: "changed" } : {}) },
  });
  return version;
}

/** The link that takes an official to their organisation's answer (after signing in, as that organisation). */
export const answerLink = (publicUrl: string, id: string, organisationId: string) =>
  `${publicUrl}/enquetes/${id}/antwoord?voor=${organisationId}`;

/**
 * One mail to each editor and administrator of the organisations (once per person, found in one query), with a
 * link to the answer of each organisation the person acts for.
 */
async function mailOrganisations(
  tx: Tx,
  notify: { mailer: Mailer; publicUrl: string },
  surveyId: string,
  organisationIds: readonly string[],
  subject: string,
  lines: (language: Language) => string[],
) {
  const people = await editorsOf(tx, organisationIds);
  for (const person of people) {
    const links = person.organisations.map((o) =>
      person.organisations.length > 1
        ? `${o.name}: ${answerLink(notify.publicUrl, surveyId, o.id)}`
        : answerLink(notify.publicUrl, surveyId, o.id),
    );
    const text = [inBothLanguages(lines), "", ...links].join("\n");
    await notify.mailer.queue(tx, { to: person.email, subject, text });
  }
  return people.length;
}

/** Whom opening the survey invites: its audience in the register as it is now; a survey asks others, a scan all. */
async function invitedBy(
  db: Queryable,
  survey: { audience: SurveyAudience; sizeThresholds: number[]; kind: string; ownerOrganisationId: string },
) {
  const invited = await resolveAudience(db, survey.audience, survey.sizeThresholds);
  // A survey asks others; a readiness scan is answered by every party, its initiator included.
  return survey.kind === "scan" ? invited : invited.filter((o) => o !== survey.ownerOrganisationId);
}

/**
 * Before opening: how many organisations the survey would invite, and those of them with nobody in Samen to
 * receive it (no editor or administrator with an account that works), by name.
 */
export async function audiencePreview(db: Queryable, actor: Actor, id: string) {
  const { survey } = await surveyFor(db, actor, id, "manage");
  const invited = await invitedBy(db, survey);
  const reachable = new Set((await editorsOf(db, invited)).flatMap((p) => p.organisations.map((o) => o.id)));
  const unreachable = invited.filter((o) => !reachable.has(o));
  const names = await namesOf(db, unreachable);
  return {
    invited: invited.length,
    reachable: invited.length - unreachable.length,
    unreachable: unreachable
      .map((o) => ({ id: o, name: names.get(o) ?? "" }))
      .sort((a, b) => dutchOrder(a.name, b.name)),
    startingQuestionOnly: isStarterOnly(survey.definition),
  };
}

/**
 * Opens a survey: the audience is resolved against the register as it is now, each organisation is invited, and
 * its editors and administrators get a mail with the link to the answer page.
 */
export async function openSurvey(
  tx: Tx,
  ctx: RequestContext,
  notify: { mailer: Mailer; publicUrl: string },
  id: string,
  expectedVersion: number,
) {
  const { survey } = await surveyFor(tx, ctx.actor, id, "manage");
  if (survey.status !== "draft") throw new AppError("conflict", "problem.surveyOpenOrClosed");
  checkDefinition(survey.definition, languageOfContext(ctx));
  if (isStarterOnly(survey.definition)) {
    throw new AppError("validation_failed", "problem.surveyOnlyStarter", [
      { field: "definition", message: "field.onlyStarter" },
    ]);
  }
  const withoutOwner = await invitedBy(tx, survey);
  if (!withoutOwner.length) {
    throw new AppError("validation_failed", "problem.nobodyAsked", [
      { field: "audience", message: "field.matchesNoOrganisation" },
    ]);
  }
  const version = await updateVersioned(
    tx,
    surveys,
    id,
    survey,
    expectedVersion,
    { status: "open", openedAt: new Date() },
    "survey",
  );
  for (let i = 0; i < withoutOwner.length; i += 500) {
    await tx
      .insert(surveyInvitations)
      .values(withoutOwner.slice(i, i + 500).map((organisationId) => ({ surveyId: id, organisationId })))
      .onConflictDoNothing();
  }
  // Who asks is said from the register, never from what the asker typed. A readiness scan's invitation carries
  // no text of the initiator at all: any organisation may start one with any other (decision 15).
  const asker = (await namesOf(tx, [survey.ownerOrganisationId])).get(survey.ownerOrganisationId) ?? "";
  const words = (language: Language) => ({
    asker,
    title: survey.title,
    deadline: survey.deadline ? sayDay(survey.deadline, language) : "",
  });
  const invitation =
    survey.kind === "scan"
      ? {
          subject: say("nl", { key: "surveys.mail.scanSubject", params: words("nl") }),
          lines: (language: Language) => [say(language, { key: "surveys.mail.scanBody", params: words(language) })],
        }
      : {
          subject: say("nl", { key: "surveys.mail.inviteSubject", params: words("nl") }),
          lines: (language: Language) => [
            say(language, { key: "surveys.mail.inviteBody", params: words(language) }),
            ...(survey.deadline ? [say(language, { key: "surveys.mail.deadline", params: words(language) })] : []),
            say(language, { key: "surveys.mail.howToAnswer" }),
            ...(survey.anonymous ? [say(language, { key: "surveys.mail.anonymous" })] : []),
          ],
        };
  const mails = await mailOrganisations(tx, notify, id, withoutOwner, invitation.subject, invitation.lines);
  await recordAudit(tx, ctx, {
    entityType: "survey",
    entityId: id,
    ownerOrganisationId: survey.ownerOrganisationId,
    action: "update",
    after: { status: "open", invited: withoutOwner.length },
  });
  return { version, invited: withoutOwner.length, mails };
}

/** Reminds the invited organisations that have not submitted an answer yet. */
export async function remindSurvey(
  tx: Tx,
  ctx: RequestContext,
  notify: { mailer: Mailer; publicUrl: string },
  id: string,
) {
  const { survey } = await surveyFor(tx, ctx.actor, id, "manage");
  if (survey.status !== "open") throw new AppError("conflict", "problem.remindOnlyOpen");
  const rows = await tx
    .select({ organisationId: surveyInvitations.organisationId, status: surveyResponses.status })
    .from(surveyInvitations)
    .leftJoin(surveyResponses, answerOf(id, surveyInvitations.organisationId))
    .where(eq(surveyInvitations.surveyId, id));
  const waiting = rows.filter((r) => r.status !== "submitted").map((r) => r.organisationId);
  if (waiting.length) {
    await tx
      .update(surveyInvitations)
      .set({ remindedAt: new Date() })
      .where(and(eq(surveyInvitations.surveyId, id), inArray(surveyInvitations.organisationId, waiting)));
  }
  const words = (language: Language) => ({
    title: survey.title,
    deadline: survey.deadline ? sayDay(survey.deadline, language) : "",
  });
  const mails = await mailOrganisations(
    tx,
    notify,
    id,
    waiting,
    say("nl", { key: "surveys.mail.reminderSubject", params: words("nl") }),
    (language) => [
      say(language, { key: "surveys.mail.reminderBody", params: words(language) }),
      ...(survey.deadline ? [say(language, { key: "surveys.mail.closes", params: words(language) })] : []),
    ],
  );
  await recordAudit(tx, ctx, {
    entityType: "survey",
    entityId: id,
    ownerOrganisationId: survey.ownerOrganisationId,
    action: "update",
    after: { reminded: waiting.length },
  });
  return { reminded: waiting.length, mails };
}

export async function closeSurvey(tx: Tx, ctx: RequestContext, id: string, expectedVersion: number) {
  const { survey } = await surveyFor(tx, ctx.actor, id, "manage");
  if (survey.status !== "open") throw new AppError("conflict", "problem.closeOnlyOpen");
  const version = await updateVersioned(
    tx,
    surveys,
    id,
    survey,
    expectedVersion,
    { status: "closed", closedAt: new Date() },
    "survey",
  );
  await recordAudit(tx, ctx, {
    entityType: "survey",
    entityId: id,
    ownerOrganisationId: survey.ownerOrganisationId,
    action: "update",
    after: { status: "closed" },
  });
  return version;
}
