import { readFileSync } from "node:fs";
import { inArray, sql } from "drizzle-orm";
import type { Tx } from "../../platform/db/client.ts";
import { boundaries, organisations } from "../../platform/db/schema.ts";
import { projectPath } from "../../platform/paths.ts";
import { type Feature, type Topology, topologyFeatures } from "../../platform/topojson.ts";
import { refreshNeighbours } from "./neighbours.ts";

export interface BoundaryImport {
  matched: number;
  unmatched: string[];
}

/**
 * Stores the boundaries of the organisations the features name, replacing what was there. `keyOf` turns a
 * feature's properties into an organisation key; features that match no organisation are reported.
 */
export async function importBoundaries(
  tx: Tx,
  input: { features: Feature[]; keyOf: (properties: Record<string, unknown>) => string | null; source: string },
): Promise<BoundaryImport> {
  const keyed = input.features.map((f) => ({ key: input.keyOf(f.properties), geometry: f.geometry }));
  const keys = keyed.map((k) => k.key).filter((k): k is string => Boolean(k));
  const ids = keys.length
    ? new Map(
        (
          await tx
            .select({ id: organisations.id, key: organisations.key })
            .from(organisations)
            .where(inArray(organisations.key, keys))
        ).map((o) => [o.key, o.id]),
      )
    : new Map<string, string>();
  const unmatched: string[] = [];
  const rows: (typeof boundaries.$inferInsert)[] = [];
  for (const { key, geometry } of keyed) {
    const organisationId = key ? ids.get(key) : undefined;
    if (!organisationId) {
      unmatched.push(key ?? "(no code)");
      continue;
    }
    rows.push({ organisationId, geometry, source: input.source, updatedAt: new Date() });
  }
  for (let i = 0; i < rows.length; i += 200) {
    await tx
      .insert(boundaries)
      .values(rows.slice(i, i + 200))
      .onConflictDoUpdate({
        target: boundaries.organisationId,
        set: { geometry: sql`excluded.geometry`, source: sql`excluded.source`, updatedAt: sql`excluded.updated_at` },
      });
  }
  return { matched: rows.length, unmatched };
}

const readTopology = (name: string) => JSON.parse(readFileSync(projectPath("data", name), "utf8")) as Topology;

/** The demo boundaries Samen ships (see data/SOURCES.md: replace them with official ones for production). */
export async function importShippedBoundaries(tx: Tx) {
  const be = await importBoundaries(tx, {
    features: topologyFeatures(readTopology("be_municipalities_2025.topo.json"), "municipalities"),
    keyOf: (p) => (p.nis ? `be-municipality-${p.nis}` : null),
    source: "demo boundaries (belgium-topojson, merged to 2025); replace with Statbel or Digitaal Vlaanderen",
  });
  const nl = await importBoundaries(tx, {
    features: topologyFeatures(readTopology("nl_gemeenten_2025.topo.json"), "gemeenten"),
    keyOf: (p) => (p.gm_code ? `nl-municipality-${p.gm_code}` : null),
    source: "CBS/PDOK gebiedsindelingen 2025 (generalised)",
  });
  return {
    matched: be.matched + nl.matched,
    unmatched: [...be.unmatched, ...nl.unmatched],
    // Once both countries are in: the pairs that share a border, over every stored boundary.
    neighbourPairs: await refreshNeighbours(tx),
  };
}
