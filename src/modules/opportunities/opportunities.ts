import { inArray } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.ts";
import { dutchOrder } from "../../platform/collation.ts";
import type { Queryable } from "../../platform/db/client.ts";
import { policyDomains } from "../../platform/db/schema.ts";
import { authorize } from "../../platform/policy.ts";
import { type Estimate, estimatedSavingEuro } from "../../platform/saving-estimate.ts";
import type { CollaborationForm, CollaborationNature } from "../../platform/vocabulary.ts";
import { organisationFor } from "../organisations/queries.ts";
import { scanStep } from "../surveys/scans.ts";
import { compare, loadSlice } from "./comparison.ts";
import { opportunitiesPolicy } from "./policy.ts";
import {
  catalogueOffers,
  collaborationsOfNeighbours,
  neighbourList,
  openFrameworks,
  openProjects,
  openPurchases,
  placeOf,
  portfolioByNature,
  scansWith,
} from "./queries.ts";

export type OpportunityKind = "collaboration" | "framework" | "catalogueOffer" | "project" | "purchase";

/**
 * Samen's starting assumptions per kind of opportunity, stated on the page and changed there by the reader: what a
 * municipality spends a year per inhabitant on what it would share, and the part doing it together saves. They are
 * round figures to start a conversation, not findings; a purchase starts from what its participants declared.
 */
export const startingAssumptions: Record<OpportunityKind, { euroPerInhabitant: number; savingPercent: number }> = {
  collaboration: { euroPerInhabitant: 15, savingPercent: 10 },
  framework: { euroPerInhabitant: 25, savingPercent: 15 },
  catalogueOffer: { euroPerInhabitant: 2, savingPercent: 20 },
  project: { euroPerInhabitant: 3, savingPercent: 10 },
  purchase: { euroPerInhabitant: 5, savingPercent: 8 },
};

function perInhabitant(kind: OpportunityKind, population: number): Estimate {
  const a = startingAssumptions[kind];
  return {
    basis: { kind: "perInhabitant", population, euroPerInhabitant: a.euroPerInhabitant },
    savingPercent: a.savingPercent,
  };
}

interface Reference {
  id: string;
  name: string;
}

/** Something the organisation could join, with its estimated saving worked out from the estimate's assumptions. */
const offer = (
  kind: OpportunityKind,
  id: string,
  title: string,
  partner: Reference | null,
  detail: {
    nature?: CollaborationNature;
    form?: CollaborationForm;
    status?: string;
    members?: number;
    service?: string;
    closesOn?: string;
  },
  estimate: Estimate,
  neighbourMembers: Reference[] = [],
) => ({
  kind,
  id,
  title,
  partner,
  detail,
  neighbourMembers,
  estimate: { ...estimate, savingEuro: estimatedSavingEuro(estimate) },
});

/**
 * An organisation's opportunities as the register shows them on a day: its portfolio split into real collaboration
 * and outsourcing; the task areas most of its neighbours or peers share and it does not; and what it could join
 * (its neighbours' collaborations, shared services, catalogue offers, projects and joint purchases nearby), each
 * with an estimated saving from stated assumptions and the readiness scan it did with that partner, if any.
 */
export async function opportunitiesOf(db: Queryable, actor: Actor, organisationId: string, asOf: string) {
  authorize(opportunitiesPolicy, actor, "read", { organisationId });
  const { id, name } = await organisationFor(db, actor, organisationId, "read");
  const [neighbours, portfolio, fromNeighbours, place] = await Promise.all([
    neighbourList(db, organisationId),
    portfolioByNature(db, organisationId, asOf),
    collaborationsOfNeighbours(db, organisationId, asOf),
    placeOf(db, organisationId),
  ]);
  const neighbourIds = neighbours.map((n) => n.id);
  const nearby = [...neighbourIds, ...place.providers];
  const slice = await loadSlice(db, asOf, {
    provinceIds: place.provinceId ? [place.provinceId] : [],
    organisationIds: [organisationId, ...neighbourIds],
  });
  const comparison = compare(slice, organisationId);
  const [frameworks, offers, projects, purchases] = await Promise.all([
    openFrameworks(db, organisationId, nearby, place.provinceId),
    catalogueOffers(db, organisationId, place.providers),
    openProjects(db, organisationId, nearby),
    openPurchases(db, organisationId, nearby, place.provinceId),
  ]);
  const population = place.population ?? 0;

  const neighbourMembers = (c: (typeof fromNeighbours)[number]) =>
    [...c.neighbour_members].sort((a, b) => dutchOrder(a.name, b.name));
  const byInhabitant = (kind: OpportunityKind) => perInhabitant(kind, population);
  const joinable = [
    ...fromNeighbours
      .slice(0, 15)
      .map((c) =>
        offer(
          "collaboration",
          c.id,
          c.name,
          null,
          { nature: c.nature, form: c.form, members: Number(c.members) },
          byInhabitant("collaboration"),
          neighbourMembers(c),
        ),
      ),
    ...frameworks.map((f) =>
      offer(
        "framework",
        f.id,
        f.name,
        { id: f.host_id, name: f.host_name },
        { status: f.status, members: Number(f.clients) },
        byInhabitant("framework"),
      ),
    ),
    ...offers.map((o) =>
      offer(
        "catalogueOffer",
        o.id,
        o.question,
        { id: o.provider_id, name: o.provider_name },
        { service: o.service },
        byInhabitant("catalogueOffer"),
      ),
    ),
    ...projects.map((p) =>
      offer(
        "project",
        p.id,
        p.title,
        { id: p.provider_id, name: p.provider_name },
        { status: p.status, members: Number(p.participants) },
        byInhabitant("project"),
      ),
    ),
    ...purchases.map((b) => {
      const spend = b.average_spend_cents === null ? null : Math.round(Number(b.average_spend_cents) / 100);
      const estimate: Estimate =
        spend === null
          ? byInhabitant("purchase")
          : {
              basis: { kind: "spend", yearlySpendEuro: spend },
              savingPercent: startingAssumptions.purchase.savingPercent,
            };
      return offer(
        "purchase",
        b.id,
        b.title,
        { id: b.lead_buyer_id, name: b.lead_buyer_name },
        { status: b.status, members: Number(b.participants), closesOn: b.demand_closes_on },
        estimate,
      );
    }),
  ];

  const partners = [
    ...new Set(joinable.flatMap((j) => [...(j.partner ? [j.partner.id] : []), ...j.neighbourMembers.map((n) => n.id)])),
  ];
  const scans = await scansWith(db, organisationId, partners);
  const scanByPartner = new Map<string, { id: string; title: string; status: string; step: number | null }>();
  const steps = new Map<string, number | null>();
  for (const id of new Set(scans.map((s) => s.id))) steps.set(id, await scanStep(db, id));
  for (const s of scans) {
    scanByPartner.set(s.partner_id, { id: s.id, title: s.title, status: s.status, step: steps.get(s.id) ?? null });
  }

  const areaIds = [...new Set([...comparison.own, ...comparison.gaps.map((g) => g.area)])];
  const names = areaIds.length
    ? await db
        .select({ id: policyDomains.id, name: policyDomains.name })
        .from(policyDomains)
        .where(inArray(policyDomains.id, areaIds))
    : [];
  const areaName = new Map(names.map((n) => [n.id, n.name]));
  const area = (areaId: string) => ({ id: areaId, name: areaName.get(areaId) ?? areaId });

  return {
    organisation: { id, name },
    asOf,
    country: place.country,
    population: place.population,
    neighbours,
    portfolio,
    taskAreas: comparison.own.map(area),
    peers: { basis: comparison.peerBasis, count: comparison.peerCount },
    gaps: comparison.gaps.map((g) => ({ area: area(g.area), neighbours: g.neighbours, peers: g.peers })),
    joinable: joinable.map((j) => {
      const scan =
        (j.partner && scanByPartner.get(j.partner.id)) ??
        j.neighbourMembers.map((n) => scanByPartner.get(n.id)).find(Boolean) ??
        null;
      return { ...j, scan };
    }),
    fromNeighbours: fromNeighbours.map((c) => ({
      collaboration: { id: c.id, name: c.name, nature: c.nature, form: c.form },
      neighbourMembers: neighbourMembers(c),
      members: Number(c.members),
    })),
  };
}
