CREATE TABLE "organisation_names" (
	"organisation_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "organisation_names_organisation_id_source_id_name_pk" PRIMARY KEY("organisation_id","source_id","name")
);
--> statement-breakpoint
ALTER TABLE "organisation_names" ADD CONSTRAINT "organisation_names_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_names" ADD CONSTRAINT "organisation_names_source_id_organisations_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisation_names_source_idx" ON "organisation_names" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "organisation_names_trgm_idx" ON "organisation_names" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
-- A name as the register search compares it: lower case, without accents, and the spellings people mix up written
-- one way (ij and y as ei, ck as k, ae as aa: Genck = Genk, Nijmegen = Neimegen).
CREATE FUNCTION samen_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT replace(replace(replace(replace(
    translate(lower(t), 'àáâãäåèéêëìíîïòóôõöùúûüýÿçñĳ', 'aaaaaaeeeeiiiiooooouuuuyycny'),
    'ij', 'ei'), 'y', 'ei'), 'ck', 'k'), 'ae', 'aa')
$$;
--> statement-breakpoint
-- The names an organisation contributes: its own and its other languages', to itself and, once it merged, to the
-- organisation it merged into.
CREATE FUNCTION organisation_names_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM organisation_names WHERE source_id = NEW.id;
  INSERT INTO organisation_names (organisation_id, source_id, name)
  SELECT DISTINCT target, NEW.id, samen_fold(n)
  FROM unnest(ARRAY[NEW.id, NEW.merged_into_id]) AS target,
       unnest(ARRAY[NEW.name] || ARRAY(SELECT value FROM jsonb_each_text(NEW.alt_names))) AS n
  WHERE target IS NOT NULL AND n <> '';
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organisation_names_refresh AFTER INSERT OR UPDATE OF name, alt_names, merged_into_id ON organisations
  FOR EACH ROW EXECUTE FUNCTION organisation_names_refresh();
--> statement-breakpoint
INSERT INTO organisation_names (organisation_id, source_id, name)
SELECT DISTINCT target, o.id, samen_fold(n)
FROM organisations o,
     unnest(ARRAY[o.id, o.merged_into_id]) AS target,
     unnest(ARRAY[o.name] || ARRAY(SELECT value FROM jsonb_each_text(o.alt_names))) AS n
WHERE target IS NOT NULL AND n <> '';
