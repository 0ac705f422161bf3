import { and, asc, eq, inArray, lt } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../platform/auth/actor.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { organisations, surveyInvitations, surveyResponses, surveys } from "../../platform/db/schema.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { titleText } from "../../platform/http/schemas.ts";
import type { Mailer } from "../../platform/mail.ts";
import { createPdf } from "../../platform/pdf.ts";
import { authorize } from "../../platform/policy.ts";
import { answerOf } from "./answer-of.ts";
import { surveyCreationPolicy } from "./policy.ts";
import {
  type Factor,
  factorNames,
  factorScores,
  factors,
  gapsOf,
  ladder,
  ladderStep,
  nextSteps,
  scanDefinition,
} from "./scan.ts";
import { createSurvey, openSurvey, surveyFor } from "./surveys.ts";

export const scanBody = z
  .object({
    title: titleText(300),
    partnerIds: z.array(z.uuid()).min(1).max(9),
    /** Scans of the same series are compared over time; by default, the parties' own series. */
    series: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

/**
 * Starts a readiness scan: the instrument as a survey that every party answers, the initiator included. Each
 * party's editors get the invitation; its administrators submit its answers.
 */
export async function createScan(
  tx: Tx,
  ctx: RequestContext,
  notify: { mailer: Mailer; publicUrl: string },
  input: z.infer<typeof scanBody>,
) {
  authorize(surveyCreationPolicy, ctx.actor, "startScan", null);
  const owner = ctx.actor.organisationId as string;
  const partners = [...new Set(input.partnerIds)].filter((p) => p !== owner);
  if (!partners.length) {
    throw new AppError("validation_failed", "problem.scanNeedsPartner", [
      { field: "partnerIds", message: "field.nameAnotherOrganisation" },
    ]);
  }
  const known = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(inArray(organisations.id, partners));
  if (known.length !== partners.length) {
    throw new AppError("validation_failed", "problem.unknownOrganisations", [
      { field: "partnerIds", message: "field.unknownOrganisationIn" },
    ]);
  }
  const parties = [owner, ...partners].sort();
  const { id } = await createSurvey(
    tx,
    ctx,
    {
      title: input.title,
      definition: scanDefinition(),
      audience: { kinds: [], provinceIds: [], sizeClasses: [], collaborationIds: [], organisationIds: parties },
      minGroupSize: 2,
      series: input.series ?? `scan:${parties.join("+")}`,
      wave: new Date().toISOString().slice(0, 10),
    },
    false,
    "scan",
  );
  // Every party is invited, the initiator too: it answers, not only asks.
  await openSurvey(tx, ctx, notify, id, 1);
  return { id };
}

/** The scans the actor's organisation is a party to. */
export async function listScans(db: Queryable, actor: Actor) {
  if (!actor.organisationId) return [];
  const rows = await db
    .select({
      id: surveys.id,
      title: surveys.title,
      status: surveys.status,
      wave: surveys.wave,
      series: surveys.series,
    })
    .from(surveys)
    .innerJoin(surveyInvitations, eq(surveyInvitations.surveyId, surveys.id))
    .where(and(eq(surveys.kind, "scan"), eq(surveyInvitations.organisationId, actor.organisationId)))
    .orderBy(asc(surveys.title));
  return rows;
}

async function partiesOf(db: Queryable, scanId: string) {
  return db
    .select({
      id: surveyInvitations.organisationId,
      name: organisations.name,
      status: surveyResponses.status,
      data: surveyResponses.data,
    })
    .from(surveyInvitations)
    .innerJoin(organisations, eq(organisations.id, surveyInvitations.organisationId))
    .leftJoin(surveyResponses, answerOf(scanId, surveyInvitations.organisationId))
    .where(eq(surveyInvitations.surveyId, scanId))
    .orderBy(asc(organisations.name));
}

/** Scores of the parties that submitted, as the scan compares them. */
function scored(parties: Awaited<ReturnType<typeof partiesOf>>) {
  return parties.map((p) => ({
    organisation: { id: p.id, name: p.name },
    submitted: p.status === "submitted",
    scores: p.status === "submitted" && p.data ? factorScores(p.data) : null,
  }));
}

/**
 * A scan's result for its parties: each party's score per factor, the gaps between them, how far they can go on
 * the collaboration ladder and why, next steps for the weak factors, and the earlier scans of the same series.
 * Every party reads it once it answered; the others' scores show once they answered too.
 */
export async function getScan(db: Queryable, actor: Actor, id: string) {
  const { survey, view } = await surveyFor(db, actor, id);
  if (survey.kind !== "scan") throw notFound("scan");
  const parties = scored(await partiesOf(db, id));
  const isParty = parties.some((p) => p.organisation.id === actor.organisationId);
  if (!isParty && !actor.isPlatformAdmin) throw notFound("scan");
  const complete = parties.filter((p) => p.scores);
  const scores = complete.map((p) => p.scores as Record<Factor, number>);
  const earlier = survey.series
    ? await db
        .select({ id: surveys.id, title: surveys.title, wave: surveys.wave })
        .from(surveys)
        .where(
          and(eq(surveys.kind, "scan"), eq(surveys.series, survey.series), lt(surveys.createdAt, survey.createdAt)),
        )
        .orderBy(asc(surveys.createdAt))
    : [];
  const history = [];
  for (const e of earlier) {
    const previous = scored(await partiesOf(db, e.id)).filter((p) => p.scores);
    if (previous.length >= 2) {
      history.push({
        id: e.id,
        title: e.title,
        wave: e.wave,
        parties: previous,
        step: ladderStep(previous.map((p) => p.scores as Record<Factor, number>)).step,
      });
    }
  }
  return {
    id: survey.id,
    title: survey.title,
    status: survey.status,
    wave: survey.wave,
    factors: factors.map((f) => ({ key: f, name: factorNames[f] })),
    parties,
    gaps: scores.length >= 2 ? gapsOf(scores) : null,
    ladder: ladder,
    advice: scores.length >= 2 ? ladderStep(scores) : null,
    nextSteps: scores.length >= 2 ? nextSteps(scores) : [],
    history,
    mayAnswer: view.invited && survey.status === "open",
  };
}

/**
 * The scan's result as a PDF report: scores per party in a table with a column per party (names wrap; five
 * parties fit), gaps, the ladder step and why, next steps; over as many pages as it needs.
 */
export async function scanReport(db: Queryable, actor: Actor, id: string): Promise<Uint8Array> {
  const scan = await getScan(db, actor, id);
  if (!scan.advice) throw new AppError("conflict", "problem.reportAfterTwo");
  const names = scan.parties.map((p) => p.organisation.name);
  const pdf = await createPdf({
    title: `Samenwerkingsscan: ${scan.title}`,
    author: names[0] ?? "Samen",
    subject: names.join(", "),
    running: `Samenwerkingsscan · ${scan.title}`,
  });
  pdf.heading("Samenwerkingsscan");
  pdf.paragraph(scan.title, { size: 11, muted: true });
  pdf.paragraph(names.join(" en "), { size: 11, muted: true });
  pdf.space(8);
  pdf.table(
    [
      { title: "Factor", width: 2 },
      ...scan.parties.map((p) => ({ title: p.organisation.name, width: 1.2, align: "right" as const })),
      { title: "Verschil", width: 1, align: "right" },
    ],
    factors.map((f) => [
      factorNames[f].nl,
      ...scan.parties.map((p) => (p.scores ? String(p.scores[f]) : "—")),
      String(scan.gaps?.[f] ?? "—"),
    ]),
    { size: 10 },
  );
  pdf.space(6);
  const step = ladder[scan.advice.step - 1];
  pdf.paragraph(`Hoe ver kunnen jullie gaan: trede ${scan.advice.step} van 6, ${step?.name.nl ?? ""}`, {
    size: 12,
    bold: true,
  });
  for (const b of scan.advice.because) {
    const f = b.factor ? factorNames[b.factor].nl : "";
    pdf.paragraph(
      b.rule === "weakest"
        ? `Zwakste factor: ${f} (${b.value}) geeft trede ${b.capsAt}.`
        : b.rule === "gap"
          ? `Groot verschil tussen de partijen bij ${f} (${b.value} punten): trede ${b.capsAt}.`
          : `Draagvlak onder 50 (${b.value}): niet verder dan trede ${b.capsAt}.`,
      { muted: true },
    );
  }
  pdf.space(8);
  if (scan.nextSteps.length) {
    pdf.paragraph("Volgende stappen", { size: 12, bold: true });
    for (const s of scan.nextSteps) {
      pdf.paragraph(s.name.nl, { bold: true });
      for (const st of s.steps) pdf.paragraph(`– ${st.nl}`);
    }
  }
  pdf.space(8);
  pdf.paragraph(
    `Scores van 0 tot 100: het gemiddelde van de stellingen per factor. Gemaakt met Samen op ${new Date().toISOString().slice(0, 10)}.`,
    { size: 8, muted: true },
  );
  return pdf.save();
}

/** How far a scan's parties can go on the ladder, once two or more of them submitted; null before. */
export async function scanStep(db: Queryable, scanId: string): Promise<number | null> {
  const complete = scored(await partiesOf(db, scanId)).filter((p) => p.scores);
  return complete.length >= 2 ? ladderStep(complete.map((p) => p.scores as Record<Factor, number>)).step : null;
}
