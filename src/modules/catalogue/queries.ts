import { eq, sql } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.ts";
import { preparedIn, type Queryable } from "../../platform/db/client.ts";
import { catalogueEntries, catalogues, organisations } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import type { CatalogueVisibility } from "../../platform/vocabulary.ts";
import { type CatalogueView, cataloguePolicy, entryPolicy } from "./policy.ts";

const prepareCatalogueRead = (db: Queryable) => {
  const actorOrganisation = sql`${sql.placeholder("actorOrganisation")}::uuid`;
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      country: organisations.country,
      visibility: sql<CatalogueVisibility>`coalesce(${catalogues.visibility}, 'clients')`,
      serviceLevelDays: sql<number>`coalesce(${catalogues.serviceLevelDays}, 5)`,
      version: sql<number>`coalesce(${catalogues.version}, 0)`,
      searchVersion: sql<number>`coalesce(${catalogues.searchVersion}, 0)`,
      servesActor: sql<boolean>`exists (select 1 from partner_relations pr where pr.provider_id = "organisations"."id" and pr.client_id = ${actorOrganisation})`,
    })
    .from(organisations)
    .leftJoin(catalogues, eq(catalogues.providerId, organisations.id))
    .where(eq(organisations.id, sql`${sql.placeholder("providerId")}::uuid`))
    .prepare("samen_catalogue_read");
};

/**
 * A provider's catalogue from the actor's side, in one query (on every catalogue request: prepared once): the
 * provider, its settings (the defaults until a coordinator changes them) and whether it serves the actor's
 * organisation. No policy check: see `catalogueFor`.
 */
export async function loadCatalogue(db: Queryable, actor: Actor | null, providerId: string) {
  const [row] = await preparedIn(db, prepareCatalogueRead).execute({
    providerId,
    actorOrganisation: actor?.organisationId ?? null,
  });
  if (!row) return null;
  return {
    providerId: row.id,
    provider: { id: row.id, name: row.name, kind: row.kind, country: row.country },
    visibility: row.visibility,
    serviceLevelDays: Number(row.serviceLevelDays),
    version: Number(row.version),
    searchVersion: Number(row.searchVersion),
    servesActor: Boolean(row.servesActor),
  } satisfies CatalogueView & Record<string, unknown>;
}
export type CatalogueContext = NonNullable<Awaited<ReturnType<typeof loadCatalogue>>>;

/**
 * The catalogue after its policy allowed the action. Those who may not read it are told it does not exist; those
 * who read it but may not do more are refused (403).
 */
export async function catalogueFor(
  db: Queryable,
  actor: Actor | null,
  providerId: string,
  action: keyof typeof cataloguePolicy = "read",
): Promise<CatalogueContext> {
  const catalogue = await loadCatalogue(db, actor, providerId);
  if (!catalogue) throw notFound("catalogue");
  authorize(cataloguePolicy, actor, "read", catalogue, { conceal: "catalogue" });
  if (action !== "read") authorize(cataloguePolicy, actor, action, catalogue);
  return catalogue;
}

/** One entry with its catalogue, after the entry policy allowed the action (as `catalogueFor` refuses). */
export async function entryFor(
  db: Queryable,
  actor: Actor | null,
  id: string,
  action: keyof typeof entryPolicy = "read",
) {
  const [entry] = await db.select().from(catalogueEntries).where(eq(catalogueEntries.id, id));
  const catalogue = entry ? await loadCatalogue(db, actor, entry.providerId) : null;
  if (!entry || !catalogue) throw notFound("catalogue entry");
  const view = { ...catalogue, status: entry.status };
  authorize(entryPolicy, actor, "read", view, { conceal: "catalogue entry" });
  if (action !== "read") authorize(entryPolicy, actor, action, view);
  return { entry, catalogue };
}
