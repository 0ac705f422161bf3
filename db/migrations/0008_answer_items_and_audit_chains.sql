ALTER TABLE "audit_events" ADD COLUMN "chain_key" text;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "items" text[];--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "segment_kind" text;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "segment_province_id" uuid;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "segment_size_class" integer;--> statement-breakpoint
CREATE INDEX "audit_events_chain_idx" ON "audit_events" USING btree ("chain_key","id");