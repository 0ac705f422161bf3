import { sql } from "drizzle-orm";
import { type Queryable, rowsOf } from "../../platform/db/client.ts";
import type { Country } from "../../platform/vocabulary.ts";
import { inferTaskAreas } from "./task-areas.ts";

/**
 * Which task areas an organisation shares with others and which its neighbours and peers share without it. Pure
 * over a slice of the register (`RegisterSlice`), so one organisation's answer and every municipality's in one run
 * (the benchmark) come from the same code.
 */

/** Population bounds of the size classes peers are compared within (Flemish and Dutch municipalities alike). */
export const peerSizeThresholds = [10_000, 20_000, 50_000, 100_000] as const;

export const sizeClassOf = (population: number | null) =>
  population === null ? null : peerSizeThresholds.filter((t) => population >= t).length;

export interface SliceOrganisation {
  id: string;
  name: string;
  country: Country;
  provinceId: string | null;
  population: number | null;
}

export interface RegisterSlice {
  organisations: Map<string, SliceOrganisation>;
  /** Municipality id → its neighbours' ids. */
  neighbours: Map<string, string[]>;
  /** Organisation id → the task areas of the arrangements it takes part in on the day. */
  areas: Map<string, Set<string>>;
  /** Province id → the municipalities in it. */
  byProvince: Map<string, string[]>;
}

export interface TaskAreaGap {
  area: string;
  neighbours: { sharing: number; of: number };
  peers: { sharing: number; of: number };
}

export interface Comparison {
  own: string[];
  peerBasis: "provinceAndSize" | "province";
  peerCount: number;
  gaps: TaskAreaGap[];
}

/** Peers: the other municipalities of its province in its size class (all of its province when its size is unknown). */
export function peersOf(slice: RegisterSlice, id: string): { ids: string[]; basis: Comparison["peerBasis"] } {
  const self = slice.organisations.get(id);
  if (!self?.provinceId) return { ids: [], basis: "province" };
  const inProvince = (slice.byProvince.get(self.provinceId) ?? []).filter((p) => p !== id);
  const size = sizeClassOf(self.population);
  if (size === null) return { ids: inProvince, basis: "province" };
  return {
    ids: inProvince.filter((p) => sizeClassOf(slice.organisations.get(p)?.population ?? null) === size),
    basis: "provinceAndSize",
  };
}

/**
 * The task areas in which most of an organisation's neighbours, or most of its peers, take part in an arrangement
 * and it does not: "most" is more than half of at least two.
 */
export function compare(slice: RegisterSlice, id: string): Comparison {
  const own = slice.areas.get(id) ?? new Set<string>();
  const neighbours = slice.neighbours.get(id) ?? [];
  const peers = peersOf(slice, id);
  const count = (ids: readonly string[]) => {
    const counts = new Map<string, number>();
    for (const other of ids) for (const a of slice.areas.get(other) ?? []) counts.set(a, (counts.get(a) ?? 0) + 1);
    return counts;
  };
  const byNeighbours = count(neighbours);
  const byPeers = count(peers.ids);
  const most = (sharing: number, of: number) => of >= 2 && sharing * 2 > of;
  const gaps: TaskAreaGap[] = [];
  for (const area of new Set([...byNeighbours.keys(), ...byPeers.keys()])) {
    if (own.has(area)) continue;
    const n = { sharing: byNeighbours.get(area) ?? 0, of: neighbours.length };
    const p = { sharing: byPeers.get(area) ?? 0, of: peers.ids.length };
    if (most(n.sharing, n.of) || most(p.sharing, p.of)) gaps.push({ area, neighbours: n, peers: p });
  }
  gaps.sort(
    (a, b) =>
      b.neighbours.sharing / Math.max(1, b.neighbours.of) - a.neighbours.sharing / Math.max(1, a.neighbours.of) ||
      b.peers.sharing / Math.max(1, b.peers.of) - a.peers.sharing / Math.max(1, a.peers.of) ||
      a.area.localeCompare(b.area),
  );
  return { own: [...own].sort(), peerBasis: peers.basis, peerCount: peers.ids.length, gaps };
}

/**
 * The slice of the register a comparison needs, read on a day: municipalities (all of them, or those of the given
 * provinces and countries), their neighbours, and the task areas of the arrangements each takes part in. The areas
 * are the top of the domains entered on a collaboration, or else those inferred from its name.
 */
function listIn<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  return list;
}

export async function loadSlice(
  db: Queryable,
  asOf: string,
  scope: { provinceIds: string[]; organisationIds: string[] } | "all",
): Promise<RegisterSlice> {
  const inScope =
    scope === "all"
      ? sql`TRUE`
      : sql`(o.province_id IN (${sql.join(
          [...scope.provinceIds, "00000000-0000-0000-0000-000000000000"].map((p) => sql`${p}::uuid`),
          sql`, `,
        )})
             OR o.id IN (${sql.join(
               [...scope.organisationIds, "00000000-0000-0000-0000-000000000000"].map((p) => sql`${p}::uuid`),
               sql`, `,
             )}))`;
  const orgs = await rowsOf<{
    id: string;
    name: string;
    country: Country;
    province_id: string | null;
    population: number | null;
  }>(
    db,
    sql`SELECT o.id, o.name, o.country, o.province_id, o.population FROM organisations o
        WHERE o.kind = 'municipality' AND o.status = 'active' AND ${inScope}`,
  );
  const ids = orgs.map((o) => o.id);
  const idList = sql.join(
    [...ids, "00000000-0000-0000-0000-000000000000"].map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const [neighbourRows, membershipRows] = await Promise.all([
    rowsOf<{ organisation_id: string; neighbour_id: string }>(
      db,
      scope === "all"
        ? sql`SELECT organisation_id, neighbour_id FROM neighbours`
        : sql`SELECT organisation_id, neighbour_id FROM neighbours WHERE organisation_id IN (${idList})`,
    ),
    rowsOf<{
      organisation_id: string;
      collaboration_id: string;
      country: Country;
      name: string;
      description: string | null;
      entered: string[] | null;
    }>(
      db,
      sql`SELECT m.organisation_id, c.id AS collaboration_id, c.country, c.name, c.description,
            (SELECT array_agg(DISTINCT coalesce(p2.id, p1.id, d.id)) FROM collaboration_domains cd
               JOIN policy_domains d ON d.id = cd.domain_id
               LEFT JOIN policy_domains p1 ON p1.id = d.parent_id
               LEFT JOIN policy_domains p2 ON p2.id = p1.parent_id
              WHERE cd.collaboration_id = c.id) AS entered
          FROM memberships m JOIN collaborations c ON c.id = m.collaboration_id AND c.status = 'active'
          WHERE (m.valid_from IS NULL OR m.valid_from <= ${asOf}) AND (m.valid_to IS NULL OR m.valid_to >= ${asOf})
            ${scope === "all" ? sql`` : sql`AND m.organisation_id IN (${idList})`}`,
    ),
  ]);
  const organisations = new Map<string, SliceOrganisation>();
  const byProvince = new Map<string, string[]>();
  for (const o of orgs) {
    organisations.set(o.id, {
      id: o.id,
      name: o.name,
      country: o.country,
      provinceId: o.province_id,
      population: o.population === null ? null : Number(o.population),
    });
    if (o.province_id) listIn(byProvince, o.province_id).push(o.id);
  }
  const neighbours = new Map<string, string[]>();
  for (const n of neighbourRows) listIn(neighbours, n.organisation_id).push(n.neighbour_id);
  const inferred = new Map<string, string[]>();
  const areas = new Map<string, Set<string>>();
  for (const m of membershipRows) {
    let of = m.entered?.length ? m.entered : inferred.get(m.collaboration_id);
    if (!of) {
      of = inferTaskAreas(m.country, m.name, m.description);
      inferred.set(m.collaboration_id, of);
    }
    const set = areas.get(m.organisation_id) ?? new Set<string>();
    for (const a of of) set.add(a);
    areas.set(m.organisation_id, set);
  }
  return { organisations, neighbours, areas, byProvince };
}
