CREATE TABLE "framework_clients" (
	"framework_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "framework_clients_framework_id_organisation_id_pk" PRIMARY KEY("framework_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "frameworks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"collaboration_id" uuid NOT NULL,
	"host_id" uuid NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"legal_regime" text NOT NULL,
	"governance" jsonb DEFAULT '{"committee":[],"decisions":[],"documents":[]}'::jsonb NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settlements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sub_agreement_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"lines" jsonb NOT NULL,
	"actual_cents" bigint NOT NULL,
	"note" text,
	"approved_at" timestamp with time zone,
	"approved_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sub_agreement_years" (
	"sub_agreement_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"budget_cents" bigint NOT NULL,
	"key" jsonb NOT NULL,
	"accents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"actual_cents" bigint,
	"actual_key" jsonb,
	"actual_accents" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sub_agreement_years_sub_agreement_id_year_pk" PRIMARY KEY("sub_agreement_id","year")
);
--> statement-breakpoint
CREATE TABLE "sub_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"framework_id" uuid NOT NULL,
	"name" text NOT NULL,
	"domain" text NOT NULL,
	"description" text,
	"services" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"service_levels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "framework_clients" ADD CONSTRAINT "framework_clients_framework_id_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."frameworks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_clients" ADD CONSTRAINT "framework_clients_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frameworks" ADD CONSTRAINT "frameworks_collaboration_id_collaborations_id_fk" FOREIGN KEY ("collaboration_id") REFERENCES "public"."collaborations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frameworks" ADD CONSTRAINT "frameworks_host_id_organisations_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_sub_agreement_id_sub_agreements_id_fk" FOREIGN KEY ("sub_agreement_id") REFERENCES "public"."sub_agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sub_agreement_years" ADD CONSTRAINT "sub_agreement_years_sub_agreement_id_sub_agreements_id_fk" FOREIGN KEY ("sub_agreement_id") REFERENCES "public"."sub_agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sub_agreements" ADD CONSTRAINT "sub_agreements_framework_id_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."frameworks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "framework_clients_org_idx" ON "framework_clients" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "frameworks_collaboration_unique" ON "frameworks" USING btree ("collaboration_id");--> statement-breakpoint
CREATE INDEX "frameworks_host_idx" ON "frameworks" USING btree ("host_id");--> statement-breakpoint
CREATE UNIQUE INDEX "settlements_version_unique" ON "settlements" USING btree ("sub_agreement_id","year","version");--> statement-breakpoint
CREATE INDEX "sub_agreements_framework_idx" ON "sub_agreements" USING btree ("framework_id");