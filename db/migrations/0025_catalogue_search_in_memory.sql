DROP TABLE "catalogue_terms" CASCADE;--> statement-breakpoint
DROP INDEX "catalogue_entries_search_idx";--> statement-breakpoint
DROP INDEX "catalogue_entries_trgm_idx";--> statement-breakpoint
ALTER TABLE "catalogue_entries" DROP COLUMN "search_vector";--> statement-breakpoint
ALTER TABLE "catalogue_entries" DROP COLUMN "search_text";