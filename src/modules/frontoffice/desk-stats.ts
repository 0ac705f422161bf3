import { sql } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Queryable, rowsOf } from "../../platform/db/client.ts";
import { todayIn } from "../../platform/working-days.ts";
import { catalogueFor } from "../catalogue/queries.ts";

/**
 * The desk's figures per theme: open tickets, answered ones, the median time to the first answer (hours), and
 * tickets that missed their service level (answered after the due day, or still unanswered past it).
 */
export async function deskStats(db: Queryable, actor: Actor, providerId: string) {
  const catalogue = await catalogueFor(db, actor, providerId, "readDesk");
  const country = catalogue.provider.country;
  const day = todayIn(country);
  const timeZone = country === "BE" ? "Europe/Brussels" : "Europe/Amsterdam";
  const rows = await rowsOf<{
    total: boolean;
    theme: string | null;
    open: number;
    answered: number;
    median: number | null;
    missed: number;
  }>(
    db,
    sql`SELECT grouping(theme) = 1 AS total, theme,
          count(*) FILTER (WHERE status <> 'closed' AND answered_at IS NULL)::int AS open,
          count(*) FILTER (WHERE answered_at IS NOT NULL)::int AS answered,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - created_at) / 3600)
            FILTER (WHERE answered_at IS NOT NULL) AS median,
          count(*) FILTER (WHERE (answered_at IS NOT NULL AND (answered_at AT TIME ZONE ${timeZone})::date > due_on)
                              OR (answered_at IS NULL AND status <> 'closed' AND due_on < ${day}::date))::int AS missed
        FROM tickets WHERE provider_id = ${providerId}
        GROUP BY GROUPING SETS ((theme), ())
        ORDER BY grouping(theme), theme NULLS LAST`,
  );
  const round = (n: number | null) => (n === null ? null : Math.round(Number(n) * 10) / 10);
  const total = rows.find((r) => r.total);
  return {
    themes: rows
      .filter((r) => !r.total)
      .map((r) => ({
        theme: r.theme,
        open: Number(r.open),
        answered: Number(r.answered),
        medianAnswerHours: round(r.median),
        missedServiceLevel: Number(r.missed),
      })),
    total: {
      open: Number(total?.open ?? 0),
      answered: Number(total?.answered ?? 0),
      medianAnswerHours: round(total?.median ?? null),
      missedServiceLevel: Number(total?.missed ?? 0),
    },
  };
}
