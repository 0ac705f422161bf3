CREATE INDEX "collaborations_kbo_idx" ON "collaborations" USING btree ("kbo_number");--> statement-breakpoint
CREATE INDEX "collaborations_cbs_idx" ON "collaborations" USING btree ("cbs_code");--> statement-breakpoint
-- The planner counts a trigram comparison as cheap as an equality, so for a search by name (LIKE, OR a word
-- similarity, OR a code) it scans the whole table, comparing every name, instead of using the trigram index:
-- 33 ms instead of 2 ms over 31,000 organisations, 34 ms instead of 4 ms over 10,000 collaborations. Telling it
-- what the comparison costs makes it use the index. Where the extension belongs to another role, this is left
-- as it was (searches stay correct, only slower).
DO $$
BEGIN
  ALTER FUNCTION similarity_op(text, text) COST 100;
  ALTER FUNCTION word_similarity_op(text, text) COST 100;
  ALTER FUNCTION word_similarity_commutator_op(text, text) COST 100;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'pg_trgm belongs to another role: its comparison costs are left as they are';
END $$;
