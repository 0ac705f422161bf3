import { and, asc, eq, inArray, lt } from "drizzle-orm";
import { PDFDocument, rgb, StandardFonts } from "pdf-lib";
import { z } from "zod";
import type { Actor } from "../../platform/auth/actor.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { organisations, surveyInvitations, surveyResponses, surveys } from "../../platform/db/schema.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { titleText } from "../../platform/http/schemas.ts";
import type { Mailer } from "../../platform/mail.ts";
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
    throw new AppError("validation_failed", "A scan needs a partner besides your own organisation.", [
      { field: "partnerIds", message: "name at least one other organisation" },
    ]);
  }
  const known = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(inArray(organisations.id, partners));
  if (known.length !== partners.length) {
    throw new AppError("validation_failed", "Unknown organisations.", [
      { field: "partnerIds", message: "contains an unknown organisation" },
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
  if (survey.kind !== "scan") throw notFound("No such scan.");
  const parties = scored(await partiesOf(db, id));
  const isParty = parties.some((p) => p.organisation.id === actor.organisationId);
  if (!isParty && !actor.isPlatformAdmin) throw notFound("No such scan.");
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

/** The scan's result as a PDF report (A4), made without a browser: scores, gaps, the ladder step, next steps. */
export async function scanReport(db: Queryable, actor: Actor, id: string): Promise<Uint8Array> {
  const scan = await getScan(db, actor, id);
  if (!scan.advice) throw new AppError("conflict", "The report is ready once two parties have answered.");
  const doc = await PDFDocument.create();
  doc.setTitle(`Samenwerkingsscan: ${scan.title}`);
  doc.setCreator("Samen");
  doc.setLanguage("nl");
  const page = doc.addPage([595.28, 841.89]);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const ink = rgb(0.1, 0.12, 0.14);
  const muted = rgb(0.35, 0.38, 0.42);
  let y = 780;
  const text = (value: string, x: number, size: number, font = regular, color = ink) => {
    page.drawText(latin(value), { x, y, size, font, color });
  };
  const line = (value: string, size = 10, font = regular, color = ink) => {
    for (const part of wrap(value, (t) => font.widthOfTextAtSize(t, size), 495)) {
      text(part, 50, size, font, color);
      y -= size + 4;
    }
  };
  line(`Samenwerkingsscan`, 20, bold);
  y -= 4;
  line(scan.title, 11, regular, muted);
  line(scan.parties.map((p) => p.organisation.name).join(" en "), 11, regular, muted);
  y -= 16;
  text("Factor", 50, 9, bold);
  scan.parties.forEach((p, i) => {
    text(p.organisation.name.slice(0, 22), 230 + i * 110, 9, bold);
  });
  text("Verschil", 490, 9, bold);
  y -= 14;
  for (const f of factors) {
    text(factorNames[f].nl, 50, 10);
    scan.parties.forEach((p, i) => {
      text(p.scores ? String(p.scores[f]) : "-", 230 + i * 110, 10);
    });
    text(String(scan.gaps?.[f] ?? "-"), 490, 10);
    y -= 14;
  }
  y -= 12;
  const step = ladder[scan.advice.step - 1];
  line(`Hoe ver kunnen jullie gaan: trede ${scan.advice.step} van 6, ${step?.name.nl ?? ""}`, 12, bold);
  for (const b of scan.advice.because) {
    const f = b.factor ? factorNames[b.factor].nl : "";
    line(
      b.rule === "weakest"
        ? `Zwakste factor: ${f} (${b.value}) geeft trede ${b.capsAt}.`
        : b.rule === "gap"
          ? `Groot verschil tussen de partijen bij ${f} (${b.value} punten): trede ${b.capsAt}.`
          : `Draagvlak onder 50 (${b.value}): niet verder dan trede ${b.capsAt}.`,
      10,
      regular,
      muted,
    );
  }
  y -= 10;
  if (scan.nextSteps.length) {
    line("Volgende stappen", 12, bold);
    for (const s of scan.nextSteps) {
      line(s.name.nl, 10, bold);
      for (const st of s.steps) line(`- ${st.nl}`, 10);
    }
  }
  y -= 10;
  line(
    `Scores van 0 tot 100: het gemiddelde van de stellingen per factor. Gemaakt met Samen op ${new Date().toISOString().slice(0, 10)}.`,
    8,
    regular,
    muted,
  );
  return doc.save();
}

/** Words into lines no wider than `width`. */
function wrap(value: string, measure: (t: string) => number, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of value.split(/\s+/)) {
    const next = current ? `${current} ${word}` : word;
    if (measure(next) > width && current) {
      lines.push(current);
      current = word;
    } else current = next;
  }
  if (current) lines.push(current);
  return lines;
}

/** Text the PDF's standard fonts can show: typographic quotes and dashes made plain, anything else beyond Latin-1 a dash. */
function latin(value: string): string {
  const plain: Record<string, string> = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
  };
  return [...value].map((c) => plain[c] ?? ((c.codePointAt(0) ?? 0) <= 0xff || c === "€" ? c : "-")).join("");
}
