/**
 * Country scale, surveys: every province asks the municipalities and OCMWs of its country the Smart City
 * questions once a year, going back from 2026 until the answers reach the number asked for. This year's waves
 * are open (with a few drafts), earlier ones closed.
 */
import { sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../../platform/db/client.ts";
import { surveyInvitations, surveys } from "../../platform/db/schema.ts";
import { smartCityDefinition } from "../demo/demo-surveys.ts";
import { writeSyntheticAnswers } from "../surveys/synthetic-answers.ts";
import type { Organisation, Progress } from "./scale-context.ts";

export async function loadSurveys(
  tx: Tx,
  organisations: Organisation[],
  answers: number,
  progress: Progress,
): Promise<{ surveys: number; answers: number }> {
  const provinces = organisations.filter((o) => o.kind === "province");
  const audienceOf = (country: string) =>
    organisations.filter((o) => o.country === country && (o.kind === "municipality" || o.kind === "ocmw"));
  const provinceIdsOf = (country: string) => provinces.filter((p) => p.country === country).map((p) => p.id);
  let made = 0;
  let count = 0;
  for (let year = 2026; made < answers && year > 1990; year--) {
    for (const owner of provinces) {
      if (made >= answers) break;
      const open = year === 2026;
      const [survey] = await tx
        .insert(surveys)
        .values({
          ownerOrganisationId: owner.id,
          title: `Smart City-bevraging ${owner.name} ${year}`,
          definition: smartCityDefinition,
          status: open ? "open" : "closed",
          audience: {
            kinds: ["municipality", "ocmw"],
            provinceIds: provinceIdsOf(owner.country),
            sizeClasses: [],
            collaborationIds: [],
            organisationIds: [],
          },
          sizeThresholds: [15_000, 50_000],
          deadline: `${year}-03-31`,
          series: `smart-city-${owner.id}`,
          wave: String(year),
          openedAt: new Date(`${year}-01-10T08:00:00Z`),
          closedAt: open ? null : new Date(`${year}-03-31T22:00:00Z`),
          createdAt: new Date(`${year}-01-05T08:00:00Z`),
        })
        .returning({ id: surveys.id });
      if (!survey) throw new Error("survey not stored");
      const audience = audienceOf(owner.country);
      for (let i = 0; i < audience.length; i += 1000) {
        await tx
          .insert(surveyInvitations)
          .values(audience.slice(i, i + 1000).map((o) => ({ surveyId: survey.id, organisationId: o.id })));
      }
      await writeSyntheticAnswers(tx, survey.id, {
        status: "submitted",
        percent: open ? 60 : 88,
        submittedAt: new Date(`${year}-02-15T10:00:00Z`),
      });
      if (open) await writeSyntheticAnswers(tx, survey.id, { status: "draft", percent: 75 });
      const [row] = await rowsOf<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM survey_responses WHERE survey_id = ${survey.id} AND status = 'submitted'`,
      );
      made += row?.n ?? 0;
      count++;
      progress("survey answers", Math.min(made, answers), answers);
    }
  }
  await tx.execute(sql`ANALYZE survey_responses`);
  return { surveys: count, answers: made };
}
