import { and, eq, inArray, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "../../platform/db/client.ts";
import {
  boundaries,
  collaborationDomains,
  memberships,
  organisations,
  policyDomains,
} from "../../platform/db/schema.ts";
import { isoDate } from "../../platform/http/schemas.ts";
import type { Geometry, Position } from "../../platform/topojson.ts";

export const mapRegionSchema = z
  .string()
  .regex(/^(all|BE|NL|[0-9a-f-]{36})$/, "must be all, BE, NL or the id of a province")
  .default("BE");

export const mapValuesQuery = z
  .object({
    region: mapRegionSchema,
    measure: z.enum(["collaborations", "collaboration", "domain"]).default("collaborations"),
    collaboration: z.uuid().optional(),
    domain: z.string().max(40).optional(),
    asOf: isoDate.optional(),
  })
  .strict()
  .refine((q) => q.measure !== "collaboration" || q.collaboration, {
    message: "field.nameCollaboration",
    path: ["collaboration"],
  })
  .refine((q) => q.measure !== "domain" || q.domain, { message: "field.namePolicyDomain", path: ["domain"] });

const regionCondition = (region: string): SQL | undefined =>
  region === "all"
    ? undefined
    : region === "BE" || region === "NL"
      ? eq(organisations.country, region)
      : eq(organisations.provinceId, region);

const WIDTH = 1000;
const shapeCache = new Map<string, { version: string; value: MapShapes }>();

export interface MapShapes {
  width: number;
  height: number;
  shapes: { id: string; name: string; code: string | null; d: string }[];
}

function rings(geometry: Geometry): Position[][] {
  return geometry.type === "Polygon"
    ? (geometry.coordinates as Position[][])
    : (geometry.coordinates as Position[][][]).flat();
}

/**
 * The municipalities of a region as SVG paths in a 1000-wide box (an equirectangular projection around the
 * region's middle latitude: good enough at the scale of a country). Cached until boundaries change.
 */
export async function mapShapes(db: Queryable, region: string): Promise<MapShapes> {
  const [stamp] = await db
    .select({ n: sql<number>`count(*)::int`, at: sql<string>`max(${boundaries.updatedAt})::text` })
    .from(boundaries);
  const version = `${stamp?.n}-${stamp?.at}`;
  const cached = shapeCache.get(region);
  if (cached?.version === version) return cached.value;

  const rows = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      code: sql<string | null>`coalesce(${organisations.nisCode}, ${organisations.cbsCode})`,
      geometry: boundaries.geometry,
    })
    .from(boundaries)
    .innerJoin(organisations, eq(organisations.id, boundaries.organisationId))
    .where(and(regionCondition(region), eq(organisations.status, "active")))
    .orderBy(organisations.name);
  let [minX, minY, maxX, maxY] = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  for (const row of rows)
    for (const ring of rings(row.geometry as Geometry))
      for (const [x, y] of ring) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
  if (!rows.length) return { width: WIDTH, height: 0, shapes: [] };
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const scale = WIDTH / ((maxX - minX) * k);
  const height = Math.ceil((maxY - minY) * scale);
  // Whole pixels, relative moves, repeated points dropped: a tenth of the size of plain coordinates.
  const path = (ring: Position[]) => {
    let d = "";
    let [px, py] = [0, 0];
    ring.forEach(([lon, lat], i) => {
      const x = Math.round((lon - minX) * k * scale);
      const y = Math.round((maxY - lat) * scale);
      if (i === 0) d += `M${x} ${y}l`;
      else if (x !== px || y !== py) d += `${x - px} ${y - py} `;
      [px, py] = [x, y];
    });
    return `${d.trimEnd()}z`;
  };
  const value: MapShapes = {
    width: WIDTH,
    height,
    shapes: rows.map((row) => ({
      id: row.id,
      name: row.name,
      code: row.code,
      d: rings(row.geometry as Geometry)
        .map(path)
        .join(""),
    })),
  };
  shapeCache.set(region, { version, value });
  return value;
}

/** The value of a measure for every municipality of a region that has a boundary. */
export async function mapValues(db: Queryable, query: z.infer<typeof mapValuesQuery>) {
  const date = query.asOf ?? new Date().toISOString().slice(0, 10);
  const holds = and(
    or(isNull(memberships.validFrom), lte(memberships.validFrom, date)),
    or(isNull(memberships.validTo), sql`${memberships.validTo} >= ${date}`),
  );
  let scope: SQL | undefined;
  if (query.measure === "collaboration" && query.collaboration)
    scope = eq(memberships.collaborationId, query.collaboration);
  if (query.measure === "domain" && query.domain) {
    const tree = sql`(WITH RECURSIVE d(id) AS (SELECT ${query.domain}::text UNION SELECT ${policyDomains.id} FROM ${policyDomains} JOIN d ON ${policyDomains.parentId} = d.id) SELECT id FROM d)`;
    scope = inArray(
      memberships.collaborationId,
      db
        .select({ id: collaborationDomains.collaborationId })
        .from(collaborationDomains)
        .where(sql`${collaborationDomains.domainId} IN ${tree}`),
    );
  }
  const counts = await db
    .select({ id: memberships.organisationId, value: sql<number>`count(DISTINCT ${memberships.collaborationId})::int` })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(holds, scope, regionCondition(query.region)))
    .groupBy(memberships.organisationId);
  const byId = new Map(counts.map((c) => [c.id, c.value]));
  const everyone = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(boundaries)
    .innerJoin(organisations, eq(organisations.id, boundaries.organisationId))
    .where(and(regionCondition(query.region), eq(organisations.status, "active")))
    .orderBy(organisations.name);
  return {
    measure: query.measure,
    values: everyone.map((o) => ({ id: o.id, name: o.name, value: byId.get(o.id) ?? 0 })),
  };
}
