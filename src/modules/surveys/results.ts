import { eq, inArray } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/client.ts";
import { collaborations, organisations, surveyInvitations, surveyResponses } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { sizeClassLabels } from "../../platform/size-classes.ts";
import type { SegmentDimension } from "../../platform/vocabulary.ts";
import { perSurveyVersion } from "./answer-check.ts";
import { itemSeparator } from "./answer-items.ts";
import { answerOf } from "./answer-of.ts";
import { collaborationsOf, profilesOf, sizeClassOf } from "./audience.ts";
import { type QuestionInfo, questionsOf } from "./definition.ts";
import { surveyFor } from "./surveys.ts";

/** How the results are split: one dimension, or none for the whole. */
export interface Split {
  dimension: SegmentDimension | null;
  /** For "collaboration": the collaboration whose members are compared with the others. */
  collaborationId?: string | undefined;
}

interface Tally {
  question: string;
  row: string | null;
  value: string;
  segment: string;
  n: number;
}

/**
 * One SQL pass over the submitted answers: how many organisations gave each answer item (question, matrix row,
 * value; see answer-items.ts), per segment. The items were flattened when the answer was submitted. Identical
 * answers are counted together first (closed questions make many organisations answer alike), then their items
 * are unnested; an empty item added to each answer counts the answers per segment in the same pass.
 */
export function talliesStatement(surveyId: string, split: Split): { text: string; params: unknown[] } {
  const segment = segmentExpression(split);
  return {
    text: `select item, segment, sum(n)::int as n
             from (select unnest(array_append(a.items, '')) as item, a.segment, a.n
                     from (select r.items, ${segment.sql} as segment, count(*) as n
                             from survey_responses r
                            where r.survey_id = $1 and r.status = 'submitted'
                            group by 1, 2) a) i
            group by 1, 2`,
    params: [surveyId, ...segment.params],
  };
}

async function tallies(
  surveyId: string,
  split: Split,
  raw: (sql: string, params: unknown[]) => Promise<unknown[]>,
): Promise<{ tallies: Tally[]; sizes: Map<string, number> }> {
  const statement = talliesStatement(surveyId, split);
  const rows = (await raw(statement.text, statement.params)) as { item: string; segment: string | null; n: number }[];
  const sizes = new Map<string, number>();
  const counted: Tally[] = [];
  for (const r of rows) {
    const segment = r.segment ?? "";
    if (r.item === "") {
      sizes.set(segment, r.n);
      continue;
    }
    const [question = "", row = "", value = ""] = r.item.split(itemSeparator);
    counted.push({ question, row: row === "" ? null : row, value, segment, n: r.n });
  }
  return { tallies: counted, sizes };
}

/** The SQL giving each answer's segment under a split, with its parameters (numbered after $1). */
function segmentExpression(split: Split): { sql: string; params: unknown[] } {
  switch (split.dimension) {
    case "kind":
      return { sql: "coalesce(r.segment_kind, '')", params: [] };
    case "province":
      return { sql: "coalesce(r.segment_province_id::text, '')", params: [] };
    case "sizeClass":
      return { sql: "coalesce(r.segment_size_class::text, '')", params: [] };
    case "collaboration":
      if (!split.collaborationId) {
        throw new AppError("validation_failed", "problem.nameCollaborationToCompare", [
          { field: "collaborationId", message: "field.requiredForSplit" },
        ]);
      }
      return {
        sql: "case when (r.segments->'collaborationIds') ? $2 then 'member' else 'other' end",
        params: [split.collaborationId],
      };
    default:
      return { sql: "'all'", params: [] };
  }
}

const text = (t: Record<string, string>, locale: string) =>
  t[locale] ?? t.default ?? t.nl ?? t.en ?? Object.values(t)[0] ?? "";

/**
 * Which segments may be shown: those with at least the survey's minimum of answers. The total is always shown, so
 * the hidden segments together are the total minus the shown ones: while that remainder would single out one
 * segment, or hold fewer answers than the minimum, the smallest shown segment is hidden too (complementary
 * suppression). With two segments and one small, both are hidden.
 */
export function shownSegments(sizes: Map<string, number>, minimum: number): Set<string> {
  const shown = new Set([...sizes].filter(([, n]) => n >= minimum).map(([s]) => s));
  const hidden = () => [...sizes.keys()].filter((s) => !shown.has(s));
  const hiddenTotal = () => hidden().reduce((sum, s) => sum + (sizes.get(s) ?? 0), 0);
  while (shown.size > 0 && hidden().length > 0 && (hidden().length === 1 || hiddenTotal() < minimum)) {
    const smallest = [...shown].sort((a, b) => (sizes.get(a) ?? 0) - (sizes.get(b) ?? 0) || a.localeCompare(b))[0];
    if (smallest === undefined) break;
    shown.delete(smallest);
  }
  return shown;
}

/** Labels for segment values: size classes in words, provinces and collaborations by name. */
async function segmentLabels(db: Queryable, split: Split, keys: string[], thresholds: readonly number[]) {
  const labels = new Map<string, string>();
  if (split.dimension === "sizeClass") {
    const words = sizeClassLabels(thresholds);
    for (const key of keys) if (key !== "") labels.set(key, words[Number(key)] ?? key);
  }
  if (split.dimension === "province") {
    const ids = keys.filter(Boolean);
    if (ids.length) {
      const rows = await db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(inArray(organisations.id, ids));
      for (const r of rows) labels.set(r.id, r.name);
    }
  }
  if (split.dimension === "collaboration" && split.collaborationId) {
    const [c] = await db
      .select({ name: collaborations.name })
      .from(collaborations)
      .where(eq(collaborations.id, split.collaborationId));
    labels.set("member", c?.name ?? "member");
  }
  return labels;
}

/**
 * The results of a survey: per question and per segment, how many organisations gave each answer (and for scales
 * and numbers the mean). Segments smaller than the survey's minimum are left out, and said to be. Nothing names an
 * organisation.
 */
/** A survey version's questions whose answers are counted: read from its definition once. */
const countedQuestions = perSurveyVersion(500, (definition) =>
  questionsOf(definition).filter((q) => q.kind && q.kind !== "text"),
);

export async function surveyResults(
  db: Queryable,
  raw: (sql: string, params: unknown[]) => Promise<unknown[]>,
  actor: Actor,
  surveyId: string,
  split: Split,
  locale = "nl",
) {
  const { survey } = await surveyFor(db, actor, surveyId, "readResults");
  const questions = countedQuestions.of(survey);
  const { tallies: rows, sizes } = await tallies(surveyId, split, raw);
  const shown = shownSegments(sizes, survey.minGroupSize);
  const keys = [...sizes.keys()].sort();
  const labels = await segmentLabels(db, split, keys, survey.sizeThresholds);
  const total = [...sizes.values()].reduce((s, n) => s + n, 0);
  return {
    surveyId,
    total,
    minGroupSize: survey.minGroupSize,
    anonymous: survey.anonymous,
    split: split.dimension,
    segments: keys.map((key) => ({
      key,
      label: labels.get(key) ?? key,
      n: shown.has(key) ? (sizes.get(key) ?? 0) : null,
      suppressed: !shown.has(key),
    })),
    questions: questions.map((q) =>
      summarise(
        q,
        rows.filter((r) => r.question === q.name),
        shown,
        sizes,
        locale,
      ),
    ),
  };
}

function summarise(q: QuestionInfo, rows: Tally[], shown: Set<string>, sizes: Map<string, number>, locale: string) {
  const rowKeys: (string | null)[] = q.kind === "matrix" ? q.rows.map((r) => r.value) : [null];
  const numeric = q.kind === "scale" || q.kind === "number";
  return {
    name: q.name,
    title: text(q.title, locale),
    kind: q.kind,
    choices: q.choices.map((c) => ({ value: c.value, label: text(c.text, locale) })),
    rows: q.kind === "matrix" ? q.rows.map((r) => ({ value: r.value, label: text(r.text, locale) })) : [],
    bySegment: [...sizes.keys()].sort().map((segment) => {
      if (!shown.has(segment)) return { segment, suppressed: true, answered: null, rows: [] };
      const mine = rows.filter((r) => r.segment === segment);
      return {
        segment,
        suppressed: false,
        answered: sizes.get(segment) ?? 0,
        rows: rowKeys.map((row) => {
          const cells = mine.filter((r) => r.row === row);
          const counts: Record<string, number> = {};
          for (const c of cells) counts[c.value] = (counts[c.value] ?? 0) + c.n;
          const n = cells.reduce((s, c) => s + c.n, 0);
          const mean = numeric && n ? cells.reduce((s, c) => s + Number(c.value) * c.n, 0) / n : null;
          return { row, counts, n, mean: mean === null ? null : Math.round(mean * 100) / 100 };
        }),
      };
    }),
  };
}

/**
 * How many invited organisations have answered, per segment of the same split, while the survey runs. Counts of
 * invitations are not personal; they are shown whatever their size.
 */
export async function responseRates(db: Queryable, actor: Actor, surveyId: string, split: Split) {
  const { survey } = await surveyFor(db, actor, surveyId, "readResults");
  const invited = await db
    .select({ organisationId: surveyInvitations.organisationId, status: surveyResponses.status })
    .from(surveyInvitations)
    .leftJoin(surveyResponses, answerOf(surveyId, surveyInvitations.organisationId))
    .where(eq(surveyInvitations.surveyId, surveyId));
  const ids = invited.map((i) => i.organisationId);
  const profiles = new Map((await profilesOf(db, ids)).map((p) => [p.id, p]));
  const memberOf = split.dimension === "collaboration" ? await collaborationsOf(db, ids) : new Map<string, string[]>();
  const keyOf = (id: string) => {
    const p = profiles.get(id);
    switch (split.dimension) {
      case "kind":
        return p?.kind ?? "";
      case "province":
        return p?.provinceId ?? "";
      case "sizeClass":
        return String(sizeClassOf(p?.population, survey.sizeThresholds) ?? "");
      case "collaboration":
        return memberOf.get(id)?.includes(split.collaborationId ?? "") ? "member" : "other";
      default:
        return "all";
    }
  };
  const groups = new Map<string, { invited: number; drafts: number; submitted: number }>();
  for (const i of invited) {
    const key = keyOf(i.organisationId);
    const g = groups.get(key) ?? { invited: 0, drafts: 0, submitted: 0 };
    g.invited++;
    if (i.status === "submitted") g.submitted++;
    else if (i.status === "draft") g.drafts++;
    groups.set(key, g);
  }
  const keys = [...groups.keys()].sort();
  const labels = await segmentLabels(db, split, keys, survey.sizeThresholds);
  return keys.map((key) => {
    const g = groups.get(key) as { invited: number; drafts: number; submitted: number };
    return {
      key,
      label: labels.get(key) ?? key,
      ...g,
      rate: g.invited ? Math.round((g.submitted / g.invited) * 1000) / 10 : 0,
    };
  });
}
