CREATE TABLE "neighbours" (
	"organisation_id" uuid NOT NULL,
	"neighbour_id" uuid NOT NULL,
	CONSTRAINT "neighbours_organisation_id_neighbour_id_pk" PRIMARY KEY("organisation_id","neighbour_id")
);
--> statement-breakpoint
ALTER TABLE "neighbours" ADD CONSTRAINT "neighbours_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbours" ADD CONSTRAINT "neighbours_neighbour_id_organisations_id_fk" FOREIGN KEY ("neighbour_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;