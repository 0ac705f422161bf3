CREATE TABLE "purchase_awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bundle_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"supplier_name" text NOT NULL,
	"supplier_scheme" text NOT NULL,
	"supplier_identifier" text NOT NULL,
	"unit_price_cents" bigint,
	"spend_discount_basis_points" integer,
	"awarded_on" date NOT NULL,
	"reason" text,
	"superseded_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchase_bundles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lead_buyer_id" uuid NOT NULL,
	"lead_role" text NOT NULL,
	"title" text NOT NULL,
	"subject" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"demand_opens_on" date NOT NULL,
	"demand_closes_on" date NOT NULL,
	"status" text DEFAULT 'preparing' NOT NULL,
	"contract_starts_on" date,
	"contract_ends_on" date,
	"tendered_at" timestamp with time zone,
	"awarded_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchase_declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bundle_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text DEFAULT 'demand' NOT NULL,
	"quantity_milli" bigint,
	"unit_price_cents" bigint,
	"yearly_spend_cents" bigint,
	"commitment_body" text,
	"commitment_decided_on" date,
	"commitment_reference" text,
	"declared_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchase_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bundle_id" uuid NOT NULL,
	"title" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_by_organisation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchase_lots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bundle_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"cpv_code" text NOT NULL,
	"unit" text,
	"price_curve" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchase_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bundle_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"entered_by_organisation_id" uuid,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "savings_uses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"label" text NOT NULL,
	"cost_cents" bigint NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "purchase_awards" ADD CONSTRAINT "purchase_awards_bundle_id_purchase_bundles_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."purchase_bundles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_awards" ADD CONSTRAINT "purchase_awards_lot_id_purchase_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."purchase_lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_awards" ADD CONSTRAINT "purchase_awards_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_bundles" ADD CONSTRAINT "purchase_bundles_lead_buyer_id_organisations_id_fk" FOREIGN KEY ("lead_buyer_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_declarations" ADD CONSTRAINT "purchase_declarations_bundle_id_purchase_bundles_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."purchase_bundles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_declarations" ADD CONSTRAINT "purchase_declarations_lot_id_purchase_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."purchase_lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_declarations" ADD CONSTRAINT "purchase_declarations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_declarations" ADD CONSTRAINT "purchase_declarations_declared_by_users_id_fk" FOREIGN KEY ("declared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_documents" ADD CONSTRAINT "purchase_documents_bundle_id_purchase_bundles_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."purchase_bundles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_documents" ADD CONSTRAINT "purchase_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_documents" ADD CONSTRAINT "purchase_documents_uploaded_by_organisation_id_organisations_id_fk" FOREIGN KEY ("uploaded_by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_lots" ADD CONSTRAINT "purchase_lots_bundle_id_purchase_bundles_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."purchase_bundles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_participants" ADD CONSTRAINT "purchase_participants_bundle_id_purchase_bundles_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."purchase_bundles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_participants" ADD CONSTRAINT "purchase_participants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_participants" ADD CONSTRAINT "purchase_participants_entered_by_organisation_id_organisations_id_fk" FOREIGN KEY ("entered_by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "savings_uses" ADD CONSTRAINT "savings_uses_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "purchase_awards_bundle_idx" ON "purchase_awards" USING btree ("bundle_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_awards_current_unique" ON "purchase_awards" USING btree ("lot_id") WHERE superseded_at IS NULL;--> statement-breakpoint
CREATE INDEX "purchase_bundles_lead_idx" ON "purchase_bundles" USING btree ("lead_buyer_id","demand_closes_on");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_declarations_unique" ON "purchase_declarations" USING btree ("lot_id","organisation_id");--> statement-breakpoint
CREATE INDEX "purchase_declarations_bundle_idx" ON "purchase_declarations" USING btree ("bundle_id");--> statement-breakpoint
CREATE INDEX "purchase_declarations_organisation_idx" ON "purchase_declarations" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "purchase_documents_bundle_idx" ON "purchase_documents" USING btree ("bundle_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_lots_number_unique" ON "purchase_lots" USING btree ("bundle_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_participants_unique" ON "purchase_participants" USING btree ("bundle_id","organisation_id");--> statement-breakpoint
CREATE INDEX "purchase_participants_organisation_idx" ON "purchase_participants" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "savings_uses_organisation_idx" ON "savings_uses" USING btree ("organisation_id");