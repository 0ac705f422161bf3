/**
 * Synthetic answers to the demo's Smart City questions, written in SQL for many organisations at once: for the
 * benchmarks and the country-scale data set. The values follow from a hash of the organisation and the survey's title,
 * so a load gives the same answers every time; the segments are the register's, as a submission keeps them, and
 * submitted answers carry their items (see answer-items.ts).
 */
import { sql } from "drizzle-orm";
import type { Queryable } from "../../platform/db/client.ts";

export async function writeSyntheticAnswers(
  db: Queryable,
  surveyId: string,
  options: {
    status: "draft" | "submitted";
    /** Of every hundred invited organisations, how many answer (by a hash, the same ones every time). */
    percent?: number;
    submittedAt?: Date;
  },
) {
  const percent = options.percent ?? 100;
  const submittedAt = options.status === "submitted" ? (options.submittedAt ?? new Date()).toISOString() : null;
  await db.execute(sql`
    INSERT INTO survey_responses (survey_id, organisation_id, data, status, segments, segment_kind,
                                  segment_province_id, segment_size_class, submitted_at, last_edited_by, submitted_by)
    SELECT s.id, o.id,
           jsonb_build_object(
             'wanneer', w.wanneer,
             'themas', to_jsonb((ARRAY['mobiliteit','energie','afval'])[1:1 + abs(hashtext(h.seed || 't')) % 3]),
             'personeel', 1 + abs(hashtext(h.seed || 'p')) % 5,
             'inwoners', 1 + abs(hashtext(h.seed || 'i')) % 5,
             'samen', abs(hashtext(h.seed || 's')) % 2 = 0)
           -- The budget is asked only of those who plan to start (its visibleIf): never answered when not asked.
           || CASE WHEN w.wanneer <> 'niet' THEN jsonb_build_object(
                'budget', (ARRAY['tot_10k','10k_50k','50k_150k','meer'])[1 + abs(hashtext(h.seed || 'b')) % 4])
              ELSE '{}'::jsonb END,
           ${options.status},
           jsonb_build_object('kind', o.kind, 'provinceId', o.province_id, 'population', p.population,
                              'collaborationIds', to_jsonb(c.ids)),
           o.kind, o.province_id,
           CASE WHEN p.population IS NOT NULL THEN
             (SELECT count(*)::int FROM jsonb_array_elements(s.size_thresholds) t WHERE p.population >= t::text::int) END,
           ${submittedAt}::timestamptz, 'synthetisch',
           CASE WHEN ${options.status} = 'submitted' THEN 'synthetisch' END
      FROM surveys s
      JOIN survey_invitations i ON i.survey_id = s.id
      JOIN organisations o ON o.id = i.organisation_id
      LEFT JOIN organisations parent ON parent.id = o.parent_id
      CROSS JOIN LATERAL (SELECT o.key || s.title AS seed) h
      CROSS JOIN LATERAL (SELECT (ARRAY['dit_jaar','twee_jaar','vijf_jaar','niet'])[1 + abs(hashtext(h.seed)) % 4] AS wanneer) w
      CROSS JOIN LATERAL (SELECT coalesce(o.population, parent.population) AS population) p
      CROSS JOIN LATERAL (SELECT coalesce(array_agg(m.collaboration_id), '{}') AS ids FROM memberships m
                           WHERE m.organisation_id = o.id AND (m.valid_to IS NULL OR m.valid_to >= current_date)) c
     WHERE s.id = ${surveyId} AND abs(hashtext(h.seed || 'answers')) % 100 < ${percent}
    ON CONFLICT (survey_id, organisation_id) DO NOTHING`);
  if (options.status === "submitted") {
    await db.execute(sql`
      UPDATE survey_responses r SET items = ARRAY(
        SELECT e.key || chr(31) || coalesce(m.key, '') || chr(31) || (coalesce(m.value, a.value, e.value) #>> '{}')
          FROM jsonb_each(r.data) e
          LEFT JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(e.value) = 'array' THEN e.value END) a ON true
          LEFT JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(e.value) = 'object' THEN e.value END) m ON true)
       WHERE r.survey_id = ${surveyId} AND r.status = 'submitted' AND r.items IS NULL`);
  }
}
