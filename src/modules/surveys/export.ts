import { createHash } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.ts";
import { dutchOrder } from "../../platform/collation.ts";
import { type CsvDialect, writeCsv } from "../../platform/csv.ts";
import type { Queryable } from "../../platform/db/client.ts";
import { organisations, surveyResponses } from "../../platform/db/schema.ts";
import { writeXlsx } from "../../platform/xlsx.ts";
import { sizeClassOf } from "./audience.ts";
import { type QuestionInfo, questionsOf } from "./definition.ts";
import { surveyFor } from "./surveys.ts";

const label = (q: QuestionInfo, value: unknown) => {
  const choice = q.choices.find((c) => String(c.value) === String(value));
  return choice
    ? (choice.text.nl ?? choice.text.default ?? Object.values(choice.text)[0] ?? String(value))
    : String(value);
};

/**
 * The submitted answers as a table with labels: one row per organisation, one column per question (per row for a
 * matrix). An anonymous survey's table has no organisation and no segment columns, and its rows are in an order
 * that says nothing about who answered when.
 */
export async function answerTable(db: Queryable, actor: Actor, surveyId: string) {
  const { survey } = await surveyFor(db, actor, surveyId, "readResults");
  const questions = questionsOf(survey.definition);
  const responses = await db
    .select({
      id: surveyResponses.id,
      organisationId: surveyResponses.organisationId,
      data: surveyResponses.data,
      segments: surveyResponses.segments,
    })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.status, "submitted")));
  const names = survey.anonymous
    ? new Map<string, string>()
    : new Map(
        responses.length
          ? (
              await db
                .select({ id: organisations.id, name: organisations.name })
                .from(organisations)
                .where(
                  inArray(
                    organisations.id,
                    responses.map((r) => r.organisationId),
                  ),
                )
            ).map((o) => [o.id, o.name])
          : [],
      );
  // What an organisation wrote with its choice ("other", a list with comment) is kept beside it: a column of its own.
  const commented = new Set(
    questions.filter((q) => responses.some((r) => typeof r.data[`${q.name}-Comment`] === "string")).map((q) => q.name),
  );
  const header = [
    ...(survey.anonymous ? [] : ["organisatie", "soort", "grootteklasse"]),
    ...questions.flatMap((q) => [
      ...(q.kind === "matrix" ? q.rows.map((r) => `${q.name}: ${r.text.nl ?? r.text.default ?? r.value}`) : [q.name]),
      ...(commented.has(q.name) ? [`${q.name}: toelichting`] : []),
    ]),
  ];
  const order = survey.anonymous
    ? [...responses].sort((a, b) => hash(survey.id, a.id).localeCompare(hash(survey.id, b.id)))
    : [...responses].sort((a, b) => dutchOrder(names.get(a.organisationId) ?? "", names.get(b.organisationId) ?? ""));
  const rows = order.map((r) => [
    ...(survey.anonymous
      ? []
      : [
          names.get(r.organisationId) ?? "",
          r.segments?.kind ?? "",
          String(sizeClassOf(r.segments?.population, survey.sizeThresholds) ?? ""),
        ]),
    ...questions.flatMap((q) => [
      ...cellsOf(q, r.data[q.name]),
      ...(commented.has(q.name) ? [String(r.data[`${q.name}-Comment`] ?? "")] : []),
    ]),
  ]);
  return { title: survey.title, header, rows };
}

/** A question's answer as cells of the table: one per matrix row, else one, with labels for values. */
function cellsOf(q: QuestionInfo, value: unknown): string[] {
  if (q.kind === "matrix") {
    const cells = (value ?? {}) as Record<string, unknown>;
    return q.rows.map((row) => (cells[row.value] === undefined ? "" : label(q, cells[row.value])));
  }
  if (value === undefined || value === null) return [""];
  // A list of choices by their labels; a list of repeated panels (or any other structure) whole, as JSON.
  if (Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null))
    return [value.map((v) => label(q, v)).join("; ")];
  if (typeof value === "object") return [JSON.stringify(value)];
  return [q.choices.length ? label(q, value) : String(value)];
}

const hash = (salt: string, id: string) => createHash("sha256").update(`${salt}:${id}`).digest("hex");

export async function answersCsv(db: Queryable, actor: Actor, surveyId: string, dialect: CsvDialect = "rfc4180") {
  const table = await answerTable(db, actor, surveyId);
  return writeCsv(
    table.header,
    table.rows.map((row) => Object.fromEntries(table.header.map((h, i) => [h, row[i]]))),
    { dialect },
  );
}

export async function answersXlsx(db: Queryable, actor: Actor, surveyId: string) {
  const table = await answerTable(db, actor, surveyId);
  return writeXlsx([{ name: "Antwoorden", rows: [table.header, ...table.rows] }]);
}
