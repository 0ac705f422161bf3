import { and, asc, eq, ne } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/client.ts";
import { surveyResponses, surveys } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { itemSeparator } from "./answer-items.ts";
import { answerOf } from "./answer-of.ts";
import { questionsOf } from "./definition.ts";
import { surveyResults } from "./results.ts";
import { surveyFor } from "./surveys.ts";

type Raw = (sql: string, params: unknown[]) => Promise<unknown[]>;

/**
 * The waves of a survey's series side by side: for every question whose name the waves share, how the answers
 * were spread in each wave (small waves left out as in the results). Only the owner's own surveys of the series.
 */
export async function surveyTrends(db: Queryable, raw: Raw, actor: Actor, surveyId: string, locale = "nl") {
  const { survey } = await surveyFor(db, actor, surveyId, "readResults");
  const waves = survey.series
    ? await db
        .select({ id: surveys.id, title: surveys.title, wave: surveys.wave })
        .from(surveys)
        .where(
          and(
            eq(surveys.series, survey.series),
            eq(surveys.ownerOrganisationId, survey.ownerOrganisationId),
            eq(surveys.kind, "survey"),
            ne(surveys.status, "draft"),
          ),
        )
        .orderBy(asc(surveys.wave), asc(surveys.createdAt))
    : [{ id: survey.id, title: survey.title, wave: survey.wave }];
  const results: { wave: (typeof waves)[number]; result: Awaited<ReturnType<typeof surveyResults>> }[] = [];
  for (const w of waves)
    results.push({ wave: w, result: await surveyResults(db, raw, actor, w.id, { dimension: null }, locale) });
  const current = results.find((r) => r.wave.id === surveyId)?.result;
  return {
    waves: results.map((r) => ({ id: r.wave.id, title: r.wave.title, wave: r.wave.wave, total: r.result.total })),
    questions: (current?.questions ?? [])
      .filter((q) => results.filter((r) => r.result.questions.some((x) => x.name === q.name)).length > 1)
      .map((q) => ({
        name: q.name,
        title: q.title,
        kind: q.kind,
        choices: q.choices,
        byWave: results.map((r) => {
          const same = r.result.questions.find((x) => x.name === q.name);
          const segment = same?.bySegment[0];
          return {
            surveyId: r.wave.id,
            suppressed: !segment || segment.suppressed,
            answered: segment?.answered ?? null,
            counts: segment?.rows[0]?.counts ?? {},
            mean: segment?.rows[0]?.mean ?? null,
          };
        }),
      })),
  };
}

/**
 * An organisation's own answers beside those of comparable organisations (the same kind and size class) that
 * answered the same survey: per question, how the peers spread, with the organisation's own answer marked. Shown
 * only when the peers are at least the survey's minimum in number, so no peer's answer can be read from it.
 */
export async function benchmarkReport(db: Queryable, raw: Raw, actor: Actor, surveyId: string, locale = "nl") {
  const { survey, view } = await surveyFor(db, actor, surveyId);
  if (!view.invited || !actor.organisationId) {
    throw new AppError("not_found", "problem.didNotAnswer");
  }
  const [own] = await db.select().from(surveyResponses).where(answerOf(surveyId, actor.organisationId));
  if (own?.status !== "submitted") {
    throw new AppError("conflict", "problem.comparisonAfterSubmit");
  }
  const peers = (await raw(
    `select item, count(*)::int as n
       from survey_responses r cross join lateral unnest(r.items) as item
      where r.survey_id = $1 and r.status = 'submitted' and r.organisation_id <> $2
        and r.segment_kind is not distinct from $3 and r.segment_size_class is not distinct from $4
      group by 1`,
    [surveyId, actor.organisationId, own.segmentKind, own.segmentSizeClass],
  )) as { item: string; n: number }[];
  const [{ n: peerCount } = { n: 0 }] = (await raw(
    `select count(*)::int as n from survey_responses r
      where r.survey_id = $1 and r.status = 'submitted' and r.organisation_id <> $2
        and r.segment_kind is not distinct from $3 and r.segment_size_class is not distinct from $4`,
    [surveyId, actor.organisationId, own.segmentKind, own.segmentSizeClass],
  )) as { n: number }[];
  const shown = peerCount >= survey.minGroupSize;
  const text = (t: Record<string, string>) => t[locale] ?? t.default ?? t.nl ?? Object.values(t)[0] ?? "";
  const ownItems = new Set(own.items ?? []);
  return {
    surveyId,
    peers: {
      kind: own.segmentKind,
      sizeClass: own.segmentSizeClass,
      count: peerCount,
      shown,
      minimum: survey.minGroupSize,
    },
    questions: shown
      ? questionsOf(survey.definition)
          .filter((q) => q.kind && q.kind !== "text" && q.kind !== "matrix")
          .map((q) => ({
            name: q.name,
            title: text(q.title),
            kind: q.kind,
            choices: q.choices.map((c) => {
              const item = [q.name, "", c.value].join(itemSeparator);
              return {
                value: c.value,
                label: text(c.text),
                peers: peers.find((p) => p.item === item)?.n ?? 0,
                own: ownItems.has(item),
              };
            }),
          }))
      : [],
  };
}
