import { and, asc, desc, eq, gte, inArray, isNull, or, sql } from "drizzle-orm";
import { type Queryable, rowsOf } from "../../platform/db/client.ts";
import {
  collaborations,
  frameworkClients,
  frameworks,
  membershipContributions,
  publicPages,
  representatives,
  settlements,
  subAgreements,
  subAgreementYears,
} from "../../platform/db/schema.ts";
import type {
  CollaborationForm,
  CollaborationNature,
  MembershipRole,
  PublicSection,
} from "../../platform/vocabulary.ts";
import { type AllocationKey, allocateBudget } from "../agreements/allocation.ts";
import { spreadOverYears } from "../procurement/savings.ts";

export type PaymentSource =
  | { kind: "settlement"; reference: string; version: number; approvedOn: string | null }
  | { kind: "budget"; reference: string }
  | { kind: "purchase"; reference: string }
  | { kind: "contribution"; reference: string; version: number };

export interface Payment {
  year: number;
  cents: number;
  source: PaymentSource;
}

/** The arrangements an organisation takes part in on a day, with its role and share. */
export const membershipsOn = (db: Queryable, organisationId: string, asOf: string) =>
  rowsOf<{
    collaboration_id: string;
    name: string;
    nature: CollaborationNature;
    form: CollaborationForm;
    role: MembershipRole;
    share_basis_points: number | null;
    valid_from: string | null;
  }>(
    db,
    sql`SELECT c.id AS collaboration_id, c.name, c.nature, c.form, m.role, m.share_basis_points, m.valid_from::text
        FROM memberships m JOIN collaborations c ON c.id = m.collaboration_id AND c.status = 'active'
        WHERE m.organisation_id = ${organisationId}
          AND (m.valid_from IS NULL OR m.valid_from <= ${asOf}) AND (m.valid_to IS NULL OR m.valid_to >= ${asOf})
        ORDER BY c.nature, lower(c.name)`,
  );

/** The frameworks it is a client of (not drafts), with the collaboration each belongs to. */
export const clientFrameworks = (db: Queryable, organisationId: string) =>
  db
    .select({ framework: frameworks, collaboration: { id: collaborations.id, name: collaborations.name } })
    .from(frameworks)
    .innerJoin(frameworkClients, eq(frameworkClients.frameworkId, frameworks.id))
    .innerJoin(collaborations, eq(collaborations.id, frameworks.collaborationId))
    .where(
      and(
        eq(frameworkClients.organisationId, organisationId),
        inArray(frameworks.status, ["consultation", "signed", "active", "ended"]),
      ),
    )
    .orderBy(asc(frameworks.name));

/**
 * What a client pays under a framework, per sub-agreement and year: what the newest settlement says where one was
 * made (with its version and, once approved, the day), or else its share of the year's budget (its advances).
 */
export async function frameworkPayments(db: Queryable, frameworkId: string, organisationId: string) {
  const clients = (
    await db
      .select({ id: frameworkClients.organisationId })
      .from(frameworkClients)
      .where(eq(frameworkClients.frameworkId, frameworkId))
  )
    .map((c) => c.id)
    .sort();
  const years = await db
    .select({ sub: subAgreements, year: subAgreementYears })
    .from(subAgreementYears)
    .innerJoin(subAgreements, eq(subAgreements.id, subAgreementYears.subAgreementId))
    .where(eq(subAgreements.frameworkId, frameworkId))
    .orderBy(asc(subAgreementYears.year), asc(subAgreements.name));
  // The newest settlement of each sub-agreement's year, in one query.
  const subIds = [...new Set(years.map((y) => y.sub.id))];
  const newest = subIds.length
    ? await db
        .selectDistinctOn([settlements.subAgreementId, settlements.year])
        .from(settlements)
        .where(inArray(settlements.subAgreementId, subIds))
        .orderBy(settlements.subAgreementId, settlements.year, desc(settlements.version))
    : [];
  const settledBy = new Map(newest.map((s) => [`${s.subAgreementId}/${s.year}`, s]));
  const payments: Payment[] = [];
  for (const { sub, year } of years) {
    const settled = settledBy.get(`${sub.id}/${year.year}`);
    const line = (settled?.lines as { client?: { id: string }; totalCents?: number }[] | undefined)?.find(
      (l) => l.client?.id === organisationId,
    );
    if (settled && line && typeof line.totalCents === "number") {
      payments.push({
        year: year.year,
        cents: line.totalCents,
        source: {
          kind: "settlement",
          reference: sub.name,
          version: settled.version,
          approvedOn:
            settled.status === "approved" && settled.approvedAt ? settled.approvedAt.toISOString().slice(0, 10) : null,
        },
      });
      continue;
    }
    try {
      const budget = allocateBudget(
        Number(year.budgetCents),
        clients,
        year.key as unknown as AllocationKey,
        year.accents,
      ).find((l) => l.clientId === organisationId);
      if (budget)
        payments.push({ year: year.year, cents: budget.totalCents, source: { kind: "budget", reference: sub.name } });
    } catch {
      // A year whose key cannot be worked out yet (figures still missing) has no amount to show.
    }
  }
  return payments;
}

/**
 * What it pays a year through joint purchases with a contract: its declared baseline less the realised saving,
 * spread over the contract's calendar years.
 */
export async function purchasePayments(db: Queryable, organisationId: string) {
  const rows = await rowsOf<{
    id: string;
    title: string;
    starts: string;
    ends: string;
    baseline: string | number;
    realised: string | number | null;
  }>(
    db,
    sql`SELECT b.id, b.title, b.contract_starts_on::text AS starts, b.contract_ends_on::text AS ends,
          coalesce(sum(CASE WHEN d.unit_price_cents IS NOT NULL AND d.quantity_milli IS NOT NULL
            THEN round(d.quantity_milli::numeric * d.unit_price_cents / 1000) ELSE d.yearly_spend_cents::numeric END), 0) AS baseline,
          sum(CASE
            WHEN a.unit_price_cents IS NOT NULL AND d.unit_price_cents IS NOT NULL AND d.quantity_milli IS NOT NULL
              THEN round(d.quantity_milli::numeric * (d.unit_price_cents - a.unit_price_cents) / 1000)
            WHEN a.spend_discount_basis_points IS NOT NULL AND d.yearly_spend_cents IS NOT NULL
              THEN round(d.yearly_spend_cents::numeric * a.spend_discount_basis_points / 10000)
          END) AS realised
        FROM purchase_bundles b
        JOIN purchase_declarations d ON d.bundle_id = b.id AND d.organisation_id = ${organisationId}
        LEFT JOIN purchase_awards a ON a.lot_id = d.lot_id AND a.superseded_at IS NULL
        WHERE b.status IN ('awarded', 'running', 'closed') AND b.contract_starts_on IS NOT NULL AND b.contract_ends_on IS NOT NULL
        GROUP BY b.id, b.title, b.contract_starts_on, b.contract_ends_on
        ORDER BY b.contract_starts_on, b.title`,
  );
  return rows.map((r) => {
    const yearly = Number(r.baseline) - Number(r.realised ?? 0);
    return {
      bundle: { id: r.id, title: r.title },
      payments: spreadOverYears(yearly, r.starts, r.ends).map(
        (y): Payment => ({ year: y.year, cents: y.cents, source: { kind: "purchase", reference: r.title } }),
      ),
    };
  });
}

/** The contributions it entered, per collaboration. */
export const contributionsOf = (db: Queryable, organisationId: string) =>
  db
    .select()
    .from(membershipContributions)
    .where(eq(membershipContributions.organisationId, organisationId))
    .orderBy(asc(membershipContributions.year));

/** Its representatives in office on a day, and those whose term has not begun. */
export const representativesOf = (db: Queryable, organisationId: string, asOf: string) =>
  db
    .select()
    .from(representatives)
    .where(
      and(
        eq(representatives.organisationId, organisationId),
        or(isNull(representatives.until), gte(representatives.until, asOf)),
      ),
    )
    .orderBy(asc(representatives.body), asc(representatives.name));

/** What its public page shows: nothing until it publishes. */
export async function publicPageOf(db: Queryable, organisationId: string) {
  const [page] = await db.select().from(publicPages).where(eq(publicPages.organisationId, organisationId));
  return page ?? { organisationId, published: false, sections: [] as PublicSection[], version: 0, updatedAt: null };
}
