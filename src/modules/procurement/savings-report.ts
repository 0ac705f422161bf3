import { asc, eq, inArray } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/client.ts";
import { organisations, purchaseBundles, purchaseParticipants, savingsUses } from "../../platform/db/schema.ts";
import { type Language, type Message, say, sayDay, sayEuro, sayNumber, sayPercent } from "../../platform/i18n.ts";
import { abilitiesOf, authorize } from "../../platform/policy.ts";
import { organisationFor } from "../organisations/queries.ts";
import { bundlePolicy, dashboardPolicy, savingsPolicy } from "./policy.ts";
import {
  type AwardRow,
  type BundleRow,
  bundleFor,
  contentsOf,
  currentAwards,
  type DeclarationRow,
  type LotRow,
  lotTotals,
  participantTotals,
} from "./queries.ts";
import { baselineCents, discountSaving, realisedSaving, type SavingBasis, yearShares } from "./savings.ts";

/** One declaration's figures: its baseline, the estimate before the tender, the realised saving after the award. */
interface Line {
  declaration: DeclarationRow;
  lot: LotRow;
  baseline: number | null;
  discount: number | null;
  estimated: number | null;
  realised: number | null;
  basis: SavingBasis | null;
  award: AwardRow | null;
}

/** The lines of bundles' declarations, with each lot's expected discount at its total demand. */
function linesOf(lots: LotRow[], declarations: DeclarationRow[], awards: AwardRow[]): Line[] {
  const current = currentAwards(awards);
  const byLot = new Map<string, DeclarationRow[]>();
  for (const d of declarations) {
    const list = byLot.get(d.lotId);
    if (list) list.push(d);
    else byLot.set(d.lotId, [d]);
  }
  const lines: Line[] = [];
  for (const lot of lots) {
    const theirs = byLot.get(lot.id) ?? [];
    const { expectedDiscountBasisPoints: discount } = lotTotals(lot, theirs);
    const award = current.get(lot.id) ?? null;
    for (const d of theirs) {
      const baseline = baselineCents(d);
      const realised = award ? realisedSaving(d, award) : null;
      lines.push({
        declaration: d,
        lot,
        baseline,
        discount,
        estimated: discount === null || baseline === null ? null : discountSaving(baseline, discount),
        realised: realised?.cents ?? null,
        basis: realised?.basis ?? null,
        award,
      });
    }
  }
  return lines;
}

const sum = (values: (number | null)[]) => values.reduce<number>((s, v) => s + (v ?? 0), 0);

/** Year amounts added by year. */
function addYears(into: Map<number, number>, years: { year: number; cents: number }[]) {
  for (const y of years) into.set(y.year, (into.get(y.year) ?? 0) + y.cents);
}
const yearList = (years: Map<number, number>) =>
  [...years.entries()].sort(([a], [b]) => a - b).map(([year, cents]) => ({ year, cents }));

/**
 * How a bundle spreads a realised saving a year over its contract's calendar years (worked out once per bundle);
 * nothing before the contract has its dates.
 */
function yearSpreader(bundle: Pick<BundleRow, "contractStartsOn" | "contractEndsOn">) {
  const { contractStartsOn: from, contractEndsOn: to } = bundle;
  if (!from || !to) return () => [];
  return yearShares(from, to);
}

/** A participant's realised saving a year over its lines, spread over the contract's years. */
const yearsOf = (bundle: Pick<BundleRow, "contractStartsOn" | "contractEndsOn">, realised: number | null) =>
  realised === null ? [] : yearSpreader(bundle)(realised);

/** What a line's figures rest on, in words. */
function assumptionsOf(line: Line, language: Language): string[] {
  const d = line.declaration;
  const unit = line.lot.unit ?? "";
  const said: Message[] = [];
  if (d.unitPriceCents !== null && d.quantityMilli !== null)
    said.push({
      key: "procurement.assumption.baselineUnit",
      params: {
        quantity: sayNumber(d.quantityMilli / 1000, language),
        unit,
        price: sayEuro(d.unitPriceCents, language),
      },
    });
  else if (d.yearlySpendCents !== null)
    said.push({
      key: "procurement.assumption.baselineSpend",
      params: { spend: sayEuro(d.yearlySpendCents, language) },
    });
  said.push(
    line.discount === null
      ? { key: "procurement.assumption.noCurve" }
      : { key: "procurement.assumption.curve", params: { percent: sayPercent(line.discount, language) } },
  );
  const award = line.award;
  if (!award) said.push({ key: "procurement.assumption.notAwarded" });
  else if (line.basis === "unitPrice" && award.unitPriceCents !== null)
    said.push({
      key: "procurement.assumption.contractPrice",
      params: {
        price: sayEuro(award.unitPriceCents, language),
        unit,
        supplier: award.supplierName,
        date: sayDay(award.awardedOn, language),
      },
    });
  else if (line.basis === "spendDiscount" && award.spendDiscountBasisPoints !== null)
    said.push({
      key: "procurement.assumption.contractDiscount",
      params: {
        percent: sayPercent(award.spendDiscountBasisPoints, language),
        supplier: award.supplierName,
        date: sayDay(award.awardedOn, language),
      },
    });
  else said.push({ key: "procurement.assumption.notComparable" });
  said.push(
    d.commitmentBody && d.commitmentDecidedOn
      ? {
          key: "procurement.assumption.committed",
          params: {
            body: { key: `procurement.commitmentBody.${d.commitmentBody}` },
            date: sayDay(d.commitmentDecidedOn, language),
          },
        }
      : { key: "procurement.assumption.uncommitted" },
  );
  if (d.kind === "callOff") said.push({ key: "procurement.assumption.callOff" });
  return said.map((m) => say(language, m));
}

/** What a bundle's figures rest on as a whole: the contract's years, and the rounding. */
function bundleAssumptions(bundle: BundleRow, language: Language) {
  const said: Message[] = [
    bundle.contractStartsOn && bundle.contractEndsOn
      ? {
          key: "procurement.assumption.period",
          params: { from: sayDay(bundle.contractStartsOn, language), to: sayDay(bundle.contractEndsOn, language) },
        }
      : { key: "procurement.assumption.noPeriod" },
    { key: "procurement.assumption.quantities" },
    { key: "procurement.assumption.rounding" },
  ];
  return said.map((m) => say(language, m));
}

/**
 * A bundle's savings per participant: what each spends today, the estimate before the tender and the realised
 * saving after the award, per lot with what it rests on, and per calendar year of the contract. The lead buyer's
 * people see every participant; a participant's people see their own; others see the totals.
 */
export async function bundleSavings(db: Queryable, actor: Actor, id: string, language: Language) {
  const { bundle } = await bundleFor(db, id);
  const [{ lots, declarations, awards }, participants] = await Promise.all([
    contentsOf(db, [id]),
    db
      .select({ id: purchaseParticipants.organisationId, name: organisations.name })
      .from(purchaseParticipants)
      .innerJoin(organisations, eq(organisations.id, purchaseParticipants.organisationId))
      .where(eq(purchaseParticipants.bundleId, id))
      .orderBy(asc(organisations.name)),
  ]);
  const lines = linesOf(lots, declarations, awards);
  const seesAll = bundlePolicy.readDeclarations(actor, bundle);
  const awarded = awards.some((a) => a.supersededAt === null);
  const allYears = new Map<number, number>();
  let total = 0;
  const byOrganisation = new Map<string, Line[]>();
  for (const l of lines) {
    const list = byOrganisation.get(l.declaration.organisationId);
    if (list) list.push(l);
    else byOrganisation.set(l.declaration.organisationId, [l]);
  }
  const spread = yearSpreader(bundle);
  const rows = participants.map((p) => {
    const theirs = byOrganisation.get(p.id) ?? [];
    const realised = awarded ? sum(theirs.map((l) => l.realised)) : null;
    const years = realised === null ? [] : spread(realised);
    addYears(allYears, years);
    const totalCents = sum(years.map((y) => y.cents));
    total += totalCents;
    return { p, theirs, realised, years, totalCents };
  });
  return {
    bundle: { id: bundle.id, name: bundle.title, status: bundle.status },
    contract:
      bundle.contractStartsOn && bundle.contractEndsOn
        ? { startsOn: bundle.contractStartsOn, endsOn: bundle.contractEndsOn }
        : null,
    totals: {
      baselineCents: sum(lines.map((l) => l.baseline)),
      estimatedCents: sum(lines.map((l) => l.estimated)),
      realisedCents: awarded ? sum(lines.map((l) => l.realised)) : null,
      years: yearList(allYears),
      totalCents: total,
    },
    participants: rows
      .filter((r) => seesAll || savingsPolicy.read(actor, { organisationId: r.p.id }))
      .map((r) => ({
        organisation: { id: r.p.id, name: r.p.name },
        baselineCents: sum(r.theirs.map((l) => l.baseline)),
        estimatedCents: sum(r.theirs.map((l) => l.estimated)),
        realisedCents: r.realised,
        years: r.years,
        totalCents: r.totalCents,
        lots: r.theirs.map((l) => ({
          lotId: l.lot.id,
          lot: `${l.lot.number}. ${l.lot.title}`,
          baselineCents: l.baseline,
          estimatedCents: l.estimated,
          realisedCents: l.realised,
          assumptions: assumptionsOf(l, language),
        })),
      })),
    assumptions: bundleAssumptions(bundle, language),
  };
}

/**
 * An organisation's savings over every bundle it takes part in, per calendar year, and what they pay for: each
 * use it named, as how many times the total covers it.
 */
export async function organisationSavings(db: Queryable, actor: Actor, organisationId: string, language: Language) {
  authorize(savingsPolicy, actor, "read", { organisationId });
  const { id, name } = await organisationFor(db, actor, organisationId, "read");
  const organisation = { id, name };
  const bundles = await db
    .select({ bundle: purchaseBundles, leadBuyerName: organisations.name })
    .from(purchaseParticipants)
    .innerJoin(purchaseBundles, eq(purchaseBundles.id, purchaseParticipants.bundleId))
    .innerJoin(organisations, eq(organisations.id, purchaseBundles.leadBuyerId))
    .where(eq(purchaseParticipants.organisationId, organisationId))
    .orderBy(asc(purchaseBundles.contractStartsOn), asc(purchaseBundles.title));
  const { lots, declarations, awards } = await contentsOf(
    db,
    bundles.map((b) => b.bundle.id),
  );
  const allYears = new Map<number, number>();
  let total = 0;
  const items = bundles.map(({ bundle, leadBuyerName }) => {
    const lines = linesOf(
      lots.filter((l) => l.bundleId === bundle.id),
      declarations.filter((d) => d.bundleId === bundle.id),
      awards.filter((a) => a.bundleId === bundle.id),
    ).filter((l) => l.declaration.organisationId === organisationId);
    const awarded = awards.some((a) => a.bundleId === bundle.id && a.supersededAt === null);
    const realised = awarded ? sum(lines.map((l) => l.realised)) : null;
    const years = yearsOf(bundle, realised);
    addYears(allYears, years);
    const totalCents = sum(years.map((y) => y.cents));
    total += totalCents;
    return {
      bundle: { id: bundle.id, name: bundle.title, status: bundle.status, subject: bundle.subject },
      leadBuyer: { id: bundle.leadBuyerId, name: leadBuyerName },
      realisedCents: realised,
      years,
      totalCents,
      assumptions: [
        ...bundleAssumptions(bundle, language).slice(0, 1),
        ...lines.flatMap((l) => assumptionsOf(l, language)),
      ],
    };
  });
  const uses = await db
    .select()
    .from(savingsUses)
    .where(eq(savingsUses.organisationId, organisationId))
    .orderBy(asc(savingsUses.costCents));
  return {
    organisation,
    totalCents: total,
    years: yearList(allYears),
    bundles: items,
    uses: uses.map((u) => ({
      id: u.id,
      label: u.label,
      costCents: u.costCents,
      version: u.version,
      times: Math.floor((total * 100) / u.costCents) / 100,
    })),
    abilities: abilitiesOf(savingsPolicy, actor, { organisationId }),
  };
}

/**
 * The lead buyer's savings dashboard over all its bundles: the realised savings per calendar year, per bundle and
 * per participant, the largest first. The sums a year come from the database (`participantTotals`); each
 * participant's is spread over its bundle's contract years here, as on the bundle's own page.
 */
export async function savingsDashboard(db: Queryable, actor: Actor, leadBuyerId: string, language: Language) {
  authorize(dashboardPolicy, actor, "read", { leadBuyerId });
  const { id, name } = await organisationFor(db, actor, leadBuyerId, "read");
  const lead = { id, name };
  const bundles = await db
    .select()
    .from(purchaseBundles)
    .where(eq(purchaseBundles.leadBuyerId, leadBuyerId))
    .orderBy(asc(purchaseBundles.contractStartsOn), asc(purchaseBundles.title));
  const totals = await participantTotals(
    db,
    bundles.map((b) => b.id),
  );
  const byBundle = new Map<string, typeof totals>();
  for (const row of totals) {
    const list = byBundle.get(row.bundleId);
    if (list) list.push(row);
    else byBundle.set(row.bundleId, [row]);
  }
  const years = new Map<number, { cents: number; bundles: Set<string> }>();
  const perParticipant = new Map<string, { totalCents: number; bundles: number }>();
  let total = 0;
  const bundleRows = bundles.map((bundle) => {
    const rows = byBundle.get(bundle.id) ?? [];
    const awarded = rows.some((r) => r.awarded);
    const spread = awarded ? yearSpreader(bundle) : null;
    let bundleTotal = 0;
    let baseline = 0;
    for (const row of rows) {
      baseline += row.baselineCents;
      const parts = spread ? spread(row.realisedCents ?? 0) : [];
      const cents = sum(parts.map((y) => y.cents));
      for (const y of parts) {
        const year = years.get(y.year) ?? { cents: 0, bundles: new Set<string>() };
        year.cents += y.cents;
        year.bundles.add(bundle.id);
        years.set(y.year, year);
      }
      const participant = perParticipant.get(row.organisationId) ?? { totalCents: 0, bundles: 0 };
      participant.totalCents += cents;
      participant.bundles += 1;
      perParticipant.set(row.organisationId, participant);
      bundleTotal += cents;
    }
    total += bundleTotal;
    return {
      id: bundle.id,
      name: bundle.title,
      status: bundle.status,
      participants: rows.length,
      baselineCents: baseline,
      totalCents: bundleTotal,
    };
  });
  const names = perParticipant.size
    ? new Map(
        (
          await db
            .select({ id: organisations.id, name: organisations.name })
            .from(organisations)
            .where(inArray(organisations.id, [...perParticipant.keys()]))
        ).map((o) => [o.id, o.name]),
      )
    : new Map<string, string>();
  return {
    leadBuyer: lead,
    years: [...years.entries()]
      .sort(([a], [b]) => a - b)
      .map(([year, y]) => ({ year, cents: y.cents, bundles: y.bundles.size })),
    bundles: bundleRows,
    participants: [...perParticipant.entries()]
      .map(([id, p]) => ({ id, name: names.get(id) ?? "", ...p }))
      .sort((a, b) => b.totalCents - a.totalCents || a.name.localeCompare(b.name)),
    totalCents: total,
    assumptions: (
      [
        { key: "procurement.assumption.spread" },
        { key: "procurement.assumption.quantities" },
        { key: "procurement.assumption.rounding" },
      ] as Message[]
    ).map((m) => say(language, m)),
  };
}
