CREATE TABLE "collaboration_domains" (
	"collaboration_id" uuid NOT NULL,
	"domain_id" text NOT NULL,
	CONSTRAINT "collaboration_domains_collaboration_id_domain_id_pk" PRIMARY KEY("collaboration_id","domain_id")
);
--> statement-breakpoint
CREATE TABLE "collaborations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"form" text NOT NULL,
	"nature" text DEFAULT 'collaboration' NOT NULL,
	"country" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"kbo_number" text,
	"cbs_code" text,
	"seat" text,
	"description" text,
	"started_on" date,
	"ended_on" date,
	"coordinator_id" uuid,
	"source" text NOT NULL,
	"source_date" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"collaboration_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"role" text NOT NULL,
	"share_basis_points" integer,
	"valid_from" date,
	"valid_to" date,
	"carried_over_from_id" uuid,
	"entered_by_organisation_id" uuid,
	"confirmed_at" timestamp with time zone,
	"confirmed_by_organisation_id" uuid,
	"source" text NOT NULL,
	"source_date" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_domain_mappings" (
	"bbc_id" text NOT NULL,
	"iv3_id" text NOT NULL,
	CONSTRAINT "policy_domain_mappings_bbc_id_iv3_id_pk" PRIMARY KEY("bbc_id","iv3_id")
);
--> statement-breakpoint
CREATE TABLE "policy_domains" (
	"id" text PRIMARY KEY NOT NULL,
	"scheme" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" text,
	"level" integer NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "collaboration_domains" ADD CONSTRAINT "collaboration_domains_collaboration_id_collaborations_id_fk" FOREIGN KEY ("collaboration_id") REFERENCES "public"."collaborations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaboration_domains" ADD CONSTRAINT "collaboration_domains_domain_id_policy_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."policy_domains"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaborations" ADD CONSTRAINT "collaborations_coordinator_id_organisations_id_fk" FOREIGN KEY ("coordinator_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_collaboration_id_collaborations_id_fk" FOREIGN KEY ("collaboration_id") REFERENCES "public"."collaborations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_carried_over_from_id_memberships_id_fk" FOREIGN KEY ("carried_over_from_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_entered_by_organisation_id_organisations_id_fk" FOREIGN KEY ("entered_by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_confirmed_by_organisation_id_organisations_id_fk" FOREIGN KEY ("confirmed_by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_domain_mappings" ADD CONSTRAINT "policy_domain_mappings_bbc_id_policy_domains_id_fk" FOREIGN KEY ("bbc_id") REFERENCES "public"."policy_domains"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_domain_mappings" ADD CONSTRAINT "policy_domain_mappings_iv3_id_policy_domains_id_fk" FOREIGN KEY ("iv3_id") REFERENCES "public"."policy_domains"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_domains" ADD CONSTRAINT "policy_domains_parent_id_policy_domains_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."policy_domains"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "collaboration_domains_domain_idx" ON "collaboration_domains" USING btree ("domain_id");--> statement-breakpoint
CREATE UNIQUE INDEX "collaborations_key_unique" ON "collaborations" USING btree ("key");--> statement-breakpoint
CREATE INDEX "collaborations_name_trgm_idx" ON "collaborations" USING gin (lower("name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "collaborations_list_idx" ON "collaborations" USING btree ("country",lower("name"),"id");--> statement-breakpoint
CREATE INDEX "collaborations_form_idx" ON "collaborations" USING btree ("form");--> statement-breakpoint
CREATE INDEX "memberships_organisation_idx" ON "memberships" USING btree ("organisation_id","valid_to");--> statement-breakpoint
CREATE INDEX "memberships_collaboration_idx" ON "memberships" USING btree ("collaboration_id","valid_to");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_domains_scheme_code_unique" ON "policy_domains" USING btree ("scheme","code");--> statement-breakpoint
CREATE INDEX "policy_domains_parent_idx" ON "policy_domains" USING btree ("parent_id");