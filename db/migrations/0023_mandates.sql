CREATE TABLE "mandates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grantor_id" uuid NOT NULL,
	"receiver_id" uuid NOT NULL,
	"scopes" jsonb NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"note" text,
	"status" text DEFAULT 'offered' NOT NULL,
	"granted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoked_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "for_organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "mandate_id" uuid;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_grantor_id_organisations_id_fk" FOREIGN KEY ("grantor_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_receiver_id_organisations_id_fk" FOREIGN KEY ("receiver_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mandates_grantor_idx" ON "mandates" USING btree ("grantor_id");--> statement-breakpoint
CREATE INDEX "mandates_receiver_idx" ON "mandates" USING btree ("receiver_id");--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_mandate_id_mandates_id_fk" FOREIGN KEY ("mandate_id") REFERENCES "public"."mandates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_mandated_idx" ON "audit_events" USING btree ("actor_organisation_id","for_organisation_id","id") WHERE for_organisation_id IS NOT NULL;--> statement-breakpoint
-- audit_append (migration 0010) with the organisation acted for under a mandate; the canonical JSON, made by the
-- application, carries it only when there is one, so the hashes of earlier events stay what they were.
DROP FUNCTION audit_append(text, timestamptz, uuid, uuid, uuid, text, text, uuid, text, jsonb, jsonb, text, text);--> statement-breakpoint
CREATE FUNCTION audit_append(
  p_chain_key text, p_at timestamptz, p_actor_user_id uuid, p_actor_token_id uuid, p_actor_organisation_id uuid,
  p_for_organisation_id uuid, p_entity_type text, p_entity_id text, p_owner_organisation_id uuid, p_action text,
  p_before jsonb, p_after jsonb, p_request_id text, p_canonical text
) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  previous text;
BEGIN
  PERFORM pg_advisory_xact_lock(7210001, hashtext(p_chain_key));
  SELECT hash INTO previous FROM audit_events WHERE chain_key = p_chain_key ORDER BY id DESC LIMIT 1;
  previous := coalesce(previous, repeat('0', 64));
  INSERT INTO audit_events (at, actor_user_id, actor_token_id, actor_organisation_id, for_organisation_id,
                            entity_type, entity_id, owner_organisation_id, action, before, after, request_id,
                            chain_key, prev_hash, hash)
  VALUES (p_at, p_actor_user_id, p_actor_token_id, p_actor_organisation_id, p_for_organisation_id, p_entity_type,
          p_entity_id, p_owner_organisation_id, p_action, p_before, p_after, p_request_id, p_chain_key, previous,
          encode(sha256(convert_to(previous || p_canonical, 'UTF8')), 'hex'));
END;
$$;
