/**
 * The surveys' benchmarks: synthetic respondents (organisations made for the benchmark, with drafts or submitted
 * answers to the demo's Smart City survey) written straight in SQL, the bare route for submitting, and the timing
 * of the results aggregation over 100,000 answers.
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, type SQL, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { smartCityDefinition } from "../src/modules/demo/demo-surveys.ts";
import { type CompiledSurvey, compileSurvey, validateAnswers } from "../src/modules/surveys/answer-check.ts";
import { surveyResults } from "../src/modules/surveys/results.ts";
import { createSurvey } from "../src/modules/surveys/surveys.ts";
import { writeSyntheticAnswers } from "../src/modules/surveys/synthetic-answers.ts";
import { recordAudit } from "../src/platform/audit.ts";
import { sha256 } from "../src/platform/auth/secrets.ts";
import { apiTokenPrefix } from "../src/platform/auth/sessions.ts";
import { systemContext } from "../src/platform/context.ts";
import type { Database } from "../src/platform/db/client.ts";
import { organisations, surveys } from "../src/platform/db/schema.ts";

/** A survey of Provincie Limburg with the Smart City questions, open. */
export async function benchSurvey(database: Database, label: string) {
  const [limburg] = await database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.key, "be-province-70000"));
  if (!limburg) throw new Error("register not loaded");
  const ctx = {
    ...systemContext("bench"),
    actor: { ...systemContext("bench").actor, organisationId: limburg.id, role: "admin" as const },
  };
  const { id } = await database.db.transaction((tx) =>
    createSurvey(tx, ctx, {
      title: `Benchmark: ${label}`,
      definition: smartCityDefinition,
      sizeThresholds: [15_000, 30_000],
    }),
  );
  await database.db.update(surveys).set({ status: "open" }).where(eq(surveys.id, id));
  return { surveyId: id, limburg: limburg.id };
}

/**
 * `count` organisations made for the benchmark (kind "other", a population spread over the size classes), each
 * invited, each with an answer: a draft (version 1) or submitted, in a few SQL statements.
 */
export async function syntheticRespondents(
  database: Database,
  surveyId: string,
  count: number,
  status: "draft" | "submitted",
) {
  const tag = surveyId.slice(0, 8);
  await database.raw(
    `INSERT INTO organisations (key, kind, country, name, population, source)
     SELECT 'bench-' || $1 || '-' || i, 'other', 'BE', 'Benchmark ' || i, 2000 + (i * 7919) % 90000, 'benchmark'
       FROM generate_series(1, $2::int) AS i`,
    [tag, count],
  );
  await database.raw(
    `INSERT INTO survey_invitations (survey_id, organisation_id)
     SELECT $1, id FROM organisations WHERE key LIKE 'bench-' || $2 || '-%'`,
    [surveyId, tag],
  );
  await writeSyntheticAnswers(database.db, surveyId, { status });
  await database.raw("ANALYZE survey_responses, organisations, organisation_names");
  return tag;
}

/**
 * Drafts ready to submit, each with an administrator's API token of its organisation, written to a file (one
 * token per line) for the load generator.
 */
export async function prepareSubmissions(database: Database, count: number) {
  const { surveyId } = await benchSurvey(database, "submissions");
  const tag = await syntheticRespondents(database, surveyId, count, "draft");
  const orgs = (await database.raw("SELECT id FROM organisations WHERE key LIKE 'bench-' || $1 || '-%' ORDER BY key", [
    tag,
  ])) as { id: string }[];
  const tokens: string[] = [];
  for (let i = 0; i < orgs.length; i += 1000) {
    const batch = orgs.slice(i, i + 1000).map((o, j) => {
      const token = `${apiTokenPrefix}bench${tag}${String(i + j).padStart(6, "0")}${"x".repeat(20)}`;
      tokens.push(token);
      return [o.id, sha256(token)];
    });
    await database.raw(
      `INSERT INTO api_tokens (name, token_hash, organisation_id, role, scopes)
       SELECT 'bench', t.hash, t.org::uuid, 'admin', '["read","write"]'::jsonb
         FROM jsonb_to_recordset($1::jsonb) AS t(org text, hash text)`,
      [JSON.stringify(batch.map(([org, hash]) => ({ org, hash })))],
    );
  }
  const file = path.join(tmpdir(), `samen-bench-tokens-${tag}.txt`);
  writeFileSync(file, `${tokens.join("\n")}\n`);
  return { submitSurvey: surveyId, tokensFile: file };
}

/**
 * The bare route for submissions: the work a submission cannot do without, done straight on the driver in one
 * transaction: the token read for who asks (the policy's input), the survey's definition (its checker compiled once
 * per version), the draft read, the answer checked against the survey, the answer written as submitted, and an event
 * appended to the organisation's audit chain. Samen's route is held to a floor against this one.
 */
export async function bareSubmitRoute(database: Database, bare: FastifyInstance, surveyId: string) {
  const compiled = new Map<number, CompiledSurvey>();
  bare.post("/bare/submit", async (request, reply) => {
    const token = String(request.headers.authorization ?? "").replace(/^Bearer /, "");
    await database.db.transaction(async (tx) => {
      const rows = async <T>(query: SQL) => ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
      const [who] = await rows<{ id: string; organisation_id: string; role: string }>(
        sql`SELECT id, organisation_id, role FROM api_tokens WHERE token_hash = ${sha256(token)} AND revoked_at IS NULL`,
      );
      if (who?.role !== "admin") throw new Error("not an administrator's token");
      const [survey] = await rows<{ version: number; definition: Record<string, unknown> }>(
        sql`SELECT version, definition FROM surveys WHERE id = ${surveyId} AND status = 'open'`,
      );
      if (!survey) throw new Error("no open survey");
      let checker = compiled.get(survey.version);
      if (!checker) {
        checker = compileSurvey(survey.definition);
        compiled.set(survey.version, checker);
      }
      const [answer] = await rows<{ id: string; data: Record<string, unknown> }>(
        sql`SELECT id, data FROM survey_responses WHERE survey_id = ${surveyId} AND organisation_id = ${who.organisation_id} FOR UPDATE`,
      );
      if (!answer) throw new Error("no draft");
      const { problems, clean } = validateAnswers(checker, answer.data, "nl");
      if (problems.length) throw new Error(`answer refused: ${JSON.stringify(problems)}`);
      await tx.execute(
        sql`UPDATE survey_responses SET data = ${JSON.stringify(clean)}::jsonb, status = 'submitted', submitted_at = now(), version = version + 1 WHERE id = ${answer.id}`,
      );
      const ctx = systemContext("bench");
      await recordAudit(
        tx,
        { ...ctx, actor: { ...ctx.actor, tokenId: who.id, organisationId: who.organisation_id } },
        {
          entityType: "survey_response",
          entityId: answer.id,
          ownerOrganisationId: who.organisation_id,
          action: "submit",
          after: { status: "submitted" },
        },
      );
    });
    reply.header("content-type", "application/json");
    return JSON.stringify({ ok: true });
  });
}

/** The results of a survey with `count` submitted answers, split by size class: p50 and p95 of `runs` runs. */
export async function measureAggregation(database: Database, count: number, runs = 15) {
  const { surveyId, limburg } = await benchSurvey(database, "aggregation");
  await syntheticRespondents(database, surveyId, count, "submitted");
  const actor = {
    ...systemContext("bench").actor,
    isPlatformAdmin: false,
    organisationId: limburg,
    role: "viewer" as const,
  };
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < runs + 2; i++) {
    const t0 = performance.now();
    const results = await surveyResults(database.db, database.raw, actor, surveyId, {
      dimension: i % 2 ? "sizeClass" : null,
    });
    if (i >= 2) times.push(performance.now() - t0);
    total = results.total;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0) * 10) / 10;
  return { answers: total, p50: at(0.5), p95: at(0.95), max: at(1) };
}
