CREATE TABLE "calendar_feeds" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "calendar_reminders" (
	"framework_id" uuid NOT NULL,
	"rule_key" text NOT NULL,
	"due_on" date NOT NULL,
	"days_before" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_reminders_framework_id_rule_key_due_on_days_before_pk" PRIMARY KEY("framework_id","rule_key","due_on","days_before")
);
--> statement-breakpoint
CREATE TABLE "calendar_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"legal_regime" text NOT NULL,
	"based_on" text NOT NULL,
	"rules" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_transfer_people" (
	"transfer_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"personnel_number" text,
	"email" text,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "staff_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"framework_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"function" text NOT NULL,
	"fte_hundredths" integer NOT NULL,
	"from_organisation_id" uuid NOT NULL,
	"transfer_on" date NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "works_council_consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"framework_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"body" text NOT NULL,
	"requested_on" date NOT NULL,
	"advice_due_on" date,
	"advised_on" date,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "frameworks" ADD COLUMN "calendar_template_id" uuid;--> statement-breakpoint
ALTER TABLE "user_roles" ADD COLUMN "hr" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_reminders" ADD CONSTRAINT "calendar_reminders_framework_id_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."frameworks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_templates" ADD CONSTRAINT "calendar_templates_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_transfer_people" ADD CONSTRAINT "staff_transfer_people_transfer_id_staff_transfers_id_fk" FOREIGN KEY ("transfer_id") REFERENCES "public"."staff_transfers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_transfers" ADD CONSTRAINT "staff_transfers_framework_id_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."frameworks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_transfers" ADD CONSTRAINT "staff_transfers_from_organisation_id_organisations_id_fk" FOREIGN KEY ("from_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "works_council_consultations" ADD CONSTRAINT "works_council_consultations_framework_id_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."frameworks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "works_council_consultations" ADD CONSTRAINT "works_council_consultations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_user_org_unique" ON "calendar_feeds" USING btree ("user_id","organisation_id");--> statement-breakpoint
CREATE INDEX "calendar_templates_owner_idx" ON "calendar_templates" USING btree ("owner_organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_transfers_reference_unique" ON "staff_transfers" USING btree ("framework_id","reference");--> statement-breakpoint
CREATE INDEX "staff_transfers_from_idx" ON "staff_transfers" USING btree ("from_organisation_id");--> statement-breakpoint
CREATE INDEX "works_council_consultations_framework_idx" ON "works_council_consultations" USING btree ("framework_id");--> statement-breakpoint
ALTER TABLE "frameworks" ADD CONSTRAINT "frameworks_calendar_template_id_calendar_templates_id_fk" FOREIGN KEY ("calendar_template_id") REFERENCES "public"."calendar_templates"("id") ON DELETE no action ON UPDATE no action;