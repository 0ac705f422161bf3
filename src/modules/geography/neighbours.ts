import { asc, eq, sql } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { boundaries, neighbours, organisations } from "../../platform/db/schema.ts";
import { type Geometry, neighbourPairs } from "../../platform/topojson.ts";
import { organisationFor } from "../organisations/queries.ts";

/**
 * Works out again which municipalities border each other, from every stored boundary at once (so a border between
 * a replaced file and a kept one counts when both draw it with the same points; between two countries' sources it
 * rarely does, and is not claimed). Returns how many pairs it found.
 */
export async function refreshNeighbours(tx: Tx) {
  const rows = await tx
    .select({ id: boundaries.organisationId, geometry: boundaries.geometry })
    .from(boundaries)
    .orderBy(asc(boundaries.organisationId));
  const pairs = neighbourPairs(rows.map((r) => r.geometry as Geometry));
  await tx.delete(neighbours);
  const values = pairs.flatMap(([a, b]) => {
    const one = rows[a]?.id;
    const other = rows[b]?.id;
    return one && other
      ? [
          { organisationId: one, neighbourId: other },
          { organisationId: other, neighbourId: one },
        ]
      : [];
  });
  for (let i = 0; i < values.length; i += 1000) await tx.insert(neighbours).values(values.slice(i, i + 1000));
  return pairs.length;
}

/** Works the neighbours out where boundaries are stored and none are (a database from before they were kept). */
export async function ensureNeighbours(tx: Tx) {
  const [known] = await tx.select({ one: sql<number>`1` }).from(neighbours).limit(1);
  if (known) return 0;
  const [stored] = await tx.select({ one: sql<number>`1` }).from(boundaries).limit(1);
  return stored ? refreshNeighbours(tx) : 0;
}

/** The municipalities that border an organisation, by name. */
export async function neighboursOf(db: Queryable, actor: Actor, organisationId: string) {
  await organisationFor(db, actor, organisationId, "read");
  const items = await db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(neighbours)
    .innerJoin(organisations, eq(organisations.id, neighbours.neighbourId))
    .where(eq(neighbours.organisationId, organisationId))
    .orderBy(asc(organisations.name));
  return { items };
}
