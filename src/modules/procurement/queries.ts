import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Queryable, rowsOf } from "../../platform/db/client.ts";
import {
  organisations,
  purchaseAwards,
  purchaseBundles,
  purchaseDeclarations,
  purchaseDocuments,
  purchaseLots,
  purchaseParticipants,
} from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { abilitiesOf } from "../../platform/policy.ts";
import { bundleCourse, bundlePolicy, declarationPolicy, joinPolicy } from "./policy.ts";
import { baselineCents, discountSaving, expectedDiscount } from "./savings.ts";

export const today = () => new Date().toISOString().slice(0, 10);

export type BundleRow = typeof purchaseBundles.$inferSelect;
export type LotRow = typeof purchaseLots.$inferSelect;
export type DeclarationRow = typeof purchaseDeclarations.$inferSelect;
export type AwardRow = typeof purchaseAwards.$inferSelect;

/** A bundle as stored, with its lead buyer's name, or 404. */
export async function bundleFor(db: Queryable, id: string) {
  const [row] = await db
    .select({ bundle: purchaseBundles, leadBuyerName: organisations.name })
    .from(purchaseBundles)
    .innerJoin(organisations, eq(organisations.id, purchaseBundles.leadBuyerId))
    .where(eq(purchaseBundles.id, id));
  if (!row) throw notFound("bundle");
  return row;
}

/** Whether demand may be declared on a day: the bundle collects it and the day is in its window. */
export const windowOpen = (b: Pick<BundleRow, "status" | "demandOpensOn" | "demandClosesOn">, on: string) =>
  b.status === "collecting" && on >= b.demandOpensOn && on <= b.demandClosesOn;

/**
 * The demand of a lot's total, for its price curve: the declared quantity in the lot's unit, or for a lot without
 * a unit the yearly spend in whole euro.
 */
export function lotTotals(lot: Pick<LotRow, "unit" | "priceCurve">, declarations: DeclarationRow[]) {
  let quantityMilli = 0;
  let baseline = 0;
  for (const d of declarations) {
    quantityMilli += d.quantityMilli ?? 0;
    baseline += baselineCents(d) ?? 0;
  }
  const demand = lot.unit ? quantityMilli / 1000 : Math.floor(baseline / 100);
  const discount = expectedDiscount(lot.priceCurve, demand);
  const estimated =
    discount === null ? 0 : declarations.reduce((sum, d) => sum + discountSaving(baselineCents(d) ?? 0, discount), 0);
  return {
    declarations: declarations.length,
    quantity: quantityMilli / 1000,
    baselineCents: baseline,
    expectedDiscountBasisPoints: discount,
    estimatedSavingCents: estimated,
  };
}

const awardView = (a: AwardRow) => ({
  id: a.id,
  supplier: { name: a.supplierName, scheme: a.supplierScheme, identifier: a.supplierIdentifier },
  unitPriceCents: a.unitPriceCents,
  spendDiscountBasisPoints: a.spendDiscountBasisPoints,
  awardedOn: a.awardedOn,
  reason: a.reason,
  supersededAt: a.supersededAt?.toISOString() ?? null,
});

export const declarationView = (d: DeclarationRow, lot: Pick<LotRow, "unit">) => ({
  id: d.id,
  lotId: d.lotId,
  kind: d.kind,
  quantity: d.quantityMilli === null ? null : d.quantityMilli / 1000,
  unit: d.quantityMilli === null ? null : lot.unit,
  unitPriceCents: d.unitPriceCents,
  yearlySpendCents: d.yearlySpendCents,
  baselineCents: baselineCents(d),
  commitment:
    d.commitmentBody && d.commitmentDecidedOn
      ? { body: d.commitmentBody, decidedOn: d.commitmentDecidedOn, reference: d.commitmentReference }
      : null,
  version: d.version,
});

/** Everything of bundles at once: lots, declarations, awards (current and earlier), participants. */
export async function contentsOf(db: Queryable, bundleIds: string[]) {
  if (!bundleIds.length) return { lots: [], declarations: [], awards: [] };
  const [lots, declarations, awards] = await Promise.all([
    db.select().from(purchaseLots).where(inArray(purchaseLots.bundleId, bundleIds)).orderBy(asc(purchaseLots.number)),
    db.select().from(purchaseDeclarations).where(inArray(purchaseDeclarations.bundleId, bundleIds)),
    db
      .select()
      .from(purchaseAwards)
      .where(inArray(purchaseAwards.bundleId, bundleIds))
      .orderBy(asc(purchaseAwards.createdAt)),
  ]);
  return { lots, declarations, awards };
}

/** The current award of each lot (the one not superseded). */
export const currentAwards = (awards: AwardRow[]) =>
  new Map(awards.filter((a) => a.supersededAt === null).map((a) => [a.lotId, a]));

/** The Open Contracting process identifier of a bundle: the publisher's prefix and the bundle's id. */
export const ocidOf = (prefix: string, bundleId: string) => `${prefix}-${bundleId}`;

/** One bundle as the web app shows it: lots with totals and award, participants, documents, abilities. */
export async function presentBundle(db: Queryable, actor: Actor, id: string, ocidPrefix: string, on = today()) {
  const { bundle, leadBuyerName } = await bundleFor(db, id);
  const [{ lots, declarations, awards }, participants, documents] = await Promise.all([
    contentsOf(db, [id]),
    db
      .select({ participant: purchaseParticipants, name: organisations.name, kind: organisations.kind })
      .from(purchaseParticipants)
      .innerJoin(organisations, eq(organisations.id, purchaseParticipants.organisationId))
      .where(eq(purchaseParticipants.bundleId, id))
      .orderBy(asc(organisations.name)),
    db
      .select({
        id: purchaseDocuments.id,
        title: purchaseDocuments.title,
        filename: purchaseDocuments.filename,
        contentType: purchaseDocuments.contentType,
        size: purchaseDocuments.size,
        createdAt: purchaseDocuments.createdAt,
      })
      .from(purchaseDocuments)
      .where(eq(purchaseDocuments.bundleId, id))
      .orderBy(desc(purchaseDocuments.createdAt)),
  ]);
  const abilities = abilitiesOf(bundlePolicy, actor, bundle);
  const current = currentAwards(awards);
  const lotById = new Map(lots.map((l) => [l.id, l]));
  const own = actor.organisationId;
  const joined = participants.some((p) => p.participant.organisationId === own);
  const mayDeclare =
    !!own && declarationPolicy.declare(actor, { organisationId: own, leadBuyerId: bundle.leadBuyerId });
  return {
    id: bundle.id,
    title: bundle.title,
    subject: bundle.subject,
    leadBuyer: { id: bundle.leadBuyerId, name: leadBuyerName },
    leadRole: bundle.leadRole,
    description: bundle.description,
    status: bundle.status,
    demandOpensOn: bundle.demandOpensOn,
    demandClosesOn: bundle.demandClosesOn,
    windowOpen: windowOpen(bundle, on),
    contractStartsOn: bundle.contractStartsOn,
    contractEndsOn: bundle.contractEndsOn,
    ocid: ocidOf(ocidPrefix, bundle.id),
    version: bundle.version,
    lots: lots.length,
    participants: participants.length,
    lotList: lots.map((lot) => ({
      id: lot.id,
      number: lot.number,
      title: lot.title,
      cpvCode: lot.cpvCode,
      unit: lot.unit,
      priceCurve: lot.priceCurve,
      version: lot.version,
      totals: lotTotals(
        lot,
        declarations.filter((d) => d.lotId === lot.id),
      ),
      award: current.has(lot.id) ? awardView(current.get(lot.id) as AwardRow) : null,
      earlierAwards: awards.filter((a) => a.lotId === lot.id && a.supersededAt !== null).map(awardView),
    })),
    participantList: participants.map((p) => {
      const theirs = declarations.filter((d) => d.organisationId === p.participant.organisationId);
      const visible = declarationPolicy.read(actor, {
        organisationId: p.participant.organisationId,
        leadBuyerId: bundle.leadBuyerId,
      });
      return {
        id: p.participant.id,
        organisation: { id: p.participant.organisationId, name: p.name, kind: p.kind },
        declaredLots: theirs.length,
        callOff: theirs.some((d) => d.kind === "callOff"),
        declarations: visible ? theirs.map((d) => declarationView(d, lotById.get(d.lotId) ?? { unit: null })) : null,
      };
    }),
    documents: documents.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
    nextStatuses: abilities.changeStatus ? bundleCourse[bundle.status] : [],
    abilities: {
      ...abilities,
      join: own ? joinPolicy.join(actor, { organisationId: own, status: bundle.status, joined }) : false,
      declare: mayDeclare && windowOpen(bundle, on),
      callOff: mayDeclare && (bundle.status === "awarded" || bundle.status === "running") && current.size > 0,
    },
  };
}

/** Bundles, newest window first, with counts of lots and participants. */
export async function listBundles(
  db: Queryable,
  query: { status?: BundleRow["status"]; leadBuyerId?: string; participantId?: string },
) {
  const conditions = [
    query.status ? eq(purchaseBundles.status, query.status) : undefined,
    query.leadBuyerId ? eq(purchaseBundles.leadBuyerId, query.leadBuyerId) : undefined,
    query.participantId
      ? sql`EXISTS (SELECT 1 FROM purchase_participants pp WHERE pp.bundle_id = ${purchaseBundles.id} AND pp.organisation_id = ${query.participantId})`
      : undefined,
  ].filter((c) => c !== undefined);
  const rows = await db
    .select({
      bundle: purchaseBundles,
      leadBuyerName: organisations.name,
      lots: sql<number>`(SELECT count(*)::int FROM purchase_lots l WHERE l.bundle_id = ${purchaseBundles.id})`,
      participants: sql<number>`(SELECT count(*)::int FROM purchase_participants p WHERE p.bundle_id = ${purchaseBundles.id})`,
    })
    .from(purchaseBundles)
    .innerJoin(organisations, eq(organisations.id, purchaseBundles.leadBuyerId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(purchaseBundles.demandClosesOn), asc(purchaseBundles.title))
    .limit(500);
  return {
    items: rows.map((r) => ({
      id: r.bundle.id,
      title: r.bundle.title,
      subject: r.bundle.subject,
      leadBuyer: { id: r.bundle.leadBuyerId, name: r.leadBuyerName },
      status: r.bundle.status,
      demandOpensOn: r.bundle.demandOpensOn,
      demandClosesOn: r.bundle.demandClosesOn,
      lots: r.lots,
      participants: r.participants,
    })),
  };
}

/** The lots of a bundle that have no current award. */
export const unawardedLots = async (db: Queryable, bundleId: string) =>
  db
    .select({ id: purchaseLots.id })
    .from(purchaseLots)
    .leftJoin(purchaseAwards, and(eq(purchaseAwards.lotId, purchaseLots.id), isNull(purchaseAwards.supersededAt)))
    .where(and(eq(purchaseLots.bundleId, bundleId), isNull(purchaseAwards.id)));

/**
 * Each participant's figures a year in bundles, worked out in the database over all its declarations: the baseline
 * and the realised saving under the lots' current awards, by the same rules as `savings.ts` (numeric arithmetic,
 * `round` rounds half away from zero; a test holds the two to the same cents). For the dashboard over thousands of
 * declarations, where carrying every row to the server would cost more than the sums.
 */
export async function participantTotals(db: Queryable, bundleIds: string[]) {
  if (!bundleIds.length) return [];
  const rows = await rowsOf<{
    bundle_id: string;
    organisation_id: string;
    baseline: string | number;
    realised: string | number | null;
    awarded: boolean;
  }>(
    db,
    sql`
      WITH lines AS (
        SELECT d.bundle_id, d.organisation_id, d.quantity_milli, d.unit_price_cents,
          CASE WHEN d.unit_price_cents IS NOT NULL AND d.quantity_milli IS NOT NULL
            THEN round(d.quantity_milli::numeric * d.unit_price_cents / 1000)
            ELSE d.yearly_spend_cents::numeric END AS baseline,
          a.lot_id IS NOT NULL AS awarded, a.unit_price_cents AS contract_price, a.spend_discount_basis_points AS discount
        FROM purchase_declarations d
        LEFT JOIN purchase_awards a ON a.lot_id = d.lot_id AND a.superseded_at IS NULL
        WHERE d.bundle_id IN (${sql.join(
          bundleIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
      )
      SELECT bundle_id, organisation_id, coalesce(sum(baseline), 0) AS baseline,
        sum(CASE
          WHEN contract_price IS NOT NULL AND unit_price_cents IS NOT NULL AND quantity_milli IS NOT NULL
            THEN round(quantity_milli::numeric * (unit_price_cents - contract_price) / 1000)
          WHEN discount IS NOT NULL AND baseline IS NOT NULL THEN round(baseline * discount / 10000)
        END) AS realised,
        bool_or(awarded) AS awarded
      FROM lines GROUP BY bundle_id, organisation_id`,
  );
  return rows.map((r) => ({
    bundleId: r.bundle_id,
    organisationId: r.organisation_id,
    baselineCents: Number(r.baseline),
    realisedCents: r.realised === null ? null : Number(r.realised),
    awarded: r.awarded,
  }));
}
