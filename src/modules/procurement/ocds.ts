import { asc, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../platform/db/client.ts";
import { organisations, purchaseParticipants } from "../../platform/db/schema.ts";
import type { PurchaseSubject } from "../../platform/vocabulary.ts";
import {
  type AwardRow,
  type BundleRow,
  contentsOf,
  currentAwards,
  type DeclarationRow,
  type LotRow,
  lotTotals,
  ocidOf,
} from "./queries.ts";

/**
 * A joint purchase as Open Contracting data (OCDS 1.1, with the lots and techniques extensions), modelled on the
 * standard's worked examples of framework agreements with several buyers: the bundle is the framework's own
 * contracting process (planning while demand is collected, tender, an award per lot, the framework agreement per
 * lot), and each participant's purchase from it is a call-off: a contracting process of its own, with the
 * participant as buyer, related to the framework by `relatedProcesses`. The compiled record merges each process's
 * releases by the standard's merge rules.
 */
export const ocdsExtensions = [
  "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/master/extension.json",
  "https://raw.githubusercontent.com/open-contracting-extensions/ocds_techniques_extension/master/extension.json",
];

/** The licence of the data Samen publishes. */
export const ocdsLicense = "https://creativecommons.org/licenses/by/4.0/";

const category: Record<PurchaseSubject, "goods" | "services" | null> = {
  energy: "goods",
  ict_hardware: "goods",
  software: "services",
  legal_services: "services",
  office_supplies: "goods",
  vehicles: "goods",
  insurance: "services",
  facility_services: "services",
  other: null,
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Party {
  id: string;
  name: string;
  identifier?: JsonObject;
  roles: string[];
}

type OrganisationRow = {
  id: string;
  name: string;
  kboNumber: string | null;
  kvkNumber: string | null;
  oin: string | null;
};

/** An organisation's party id and identifier: its KBO or KvK number where the register has one (org-id.guide). */
function partyOf(o: OrganisationRow, roles: string[]): Party {
  const [scheme, id] = o.kboNumber
    ? ["BE-BCE_KBO", o.kboNumber]
    : o.kvkNumber
      ? ["NL-KVK", o.kvkNumber]
      : o.oin
        ? ["NL-OIN", o.oin]
        : [null, null];
  return scheme && id
    ? { id: `${scheme}-${id}`, name: o.name, identifier: { scheme, id, legalName: o.name }, roles }
    : { id: `samen-${o.id}`, name: o.name, roles };
}

const supplierParty = (a: AwardRow): Party => ({
  id: `${a.supplierScheme}-${a.supplierIdentifier}`,
  name: a.supplierName,
  identifier: { scheme: a.supplierScheme, id: a.supplierIdentifier, legalName: a.supplierName },
  roles: ["supplier"],
});

const reference = (p: Party): JsonObject => ({ id: p.id, name: p.name });
const amount = (cents: number): JsonObject => ({ amount: cents / 100, currency: "EUR" });
const dateTime = (d: Date | string) => (typeof d === "string" ? `${d}T00:00:00Z` : `${d.toISOString().slice(0, 19)}Z`);
const endOfDay = (d: string) => `${d}T23:59:59Z`;

/** The CPV code as OCDS classifies: its eight digits, without the check digit. */
const classification = (lot: LotRow): JsonObject => ({
  scheme: "CPV",
  id: lot.cpvCode.slice(0, 8),
  description: lot.title,
});

function lotItem(lot: LotRow, quantityMilli: number | null, unitPriceCents: number | null): JsonObject {
  const item: JsonObject = {
    id: `lot-${lot.number}`,
    description: lot.title,
    classification: classification(lot),
    relatedLot: String(lot.number),
  };
  if (lot.unit && quantityMilli !== null) {
    item.quantity = quantityMilli / 1000;
    item.unit = unitPriceCents === null ? { name: lot.unit } : { name: lot.unit, value: amount(unitPriceCents) };
  }
  return item;
}

/** What a declaration costs a year at the award: quantity × contract price, or spend less the discount. */
function contractValue(d: DeclarationRow, award: AwardRow): number | null {
  if (award.unitPriceCents !== null && d.quantityMilli !== null)
    return Math.round((d.quantityMilli * award.unitPriceCents) / 1000);
  const spend = d.yearlySpendCents;
  if (award.spendDiscountBasisPoints !== null && spend !== null)
    return spend - Math.round((spend * award.spendDiscountBasisPoints) / 10_000);
  return null;
}

/** The releases of a bundle's framework process and of every participant's call-off, oldest first per process. */
export async function ocdsReleases(db: Queryable, bundle: BundleRow, leadBuyerName: string, prefix: string) {
  const { lots, declarations, awards } = await contentsOf(db, [bundle.id]);
  const participantIds = (
    await db
      .select({ id: purchaseParticipants.organisationId })
      .from(purchaseParticipants)
      .where(eq(purchaseParticipants.bundleId, bundle.id))
  ).map((p) => p.id);
  const orgRows = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      kboNumber: organisations.kboNumber,
      kvkNumber: organisations.kvkNumber,
      oin: organisations.oin,
    })
    .from(organisations)
    .where(inArray(organisations.id, [bundle.leadBuyerId, ...participantIds]))
    .orderBy(asc(organisations.name));
  const orgById = new Map(orgRows.map((o) => [o.id, o]));
  const leadRow = orgById.get(bundle.leadBuyerId) ?? {
    id: bundle.leadBuyerId,
    name: leadBuyerName,
    kboNumber: null,
    kvkNumber: null,
    oin: null,
  };
  const leadBuys = declarations.some((d) => d.organisationId === bundle.leadBuyerId);
  const lead = partyOf(leadRow, leadBuys ? ["procuringEntity", "buyer"] : ["procuringEntity"]);
  // The framework's buyers are those who took part before the award; who joined later by a call-off is the buyer
  // of its own call-off.
  const joinedLater = (id: string) => {
    const theirs = declarations.filter((d) => d.organisationId === id);
    return theirs.length > 0 && theirs.every((d) => d.kind === "callOff");
  };
  const buyers = participantIds
    .filter((id) => id !== bundle.leadBuyerId && !joinedLater(id))
    .flatMap((id) => {
      const o = orgById.get(id);
      return o ? [partyOf(o, ["buyer"])] : [];
    });
  const ocid = ocidOf(prefix, bundle.id);
  const totalsOf = (lot: LotRow) =>
    lotTotals(
      lot,
      declarations.filter((d) => d.lotId === lot.id),
    );
  const tenderOf = (status: string): JsonObject => {
    const tender: JsonObject = {
      id: bundle.id,
      title: bundle.title,
      status,
      procuringEntity: reference(lead),
      techniques: { hasFrameworkAgreement: true },
      lots: lots.map((l) => ({ id: String(l.number), title: l.title, status })),
      items: lots.map((l) => lotItem(l, Math.round(totalsOf(l).quantity * 1000), null)),
    };
    if (bundle.description) tender.description = bundle.description;
    const main = category[bundle.subject];
    if (main) tender.mainProcurementCategory = main;
    if (bundle.contractStartsOn && bundle.contractEndsOn)
      tender.contractPeriod = {
        startDate: dateTime(bundle.contractStartsOn),
        endDate: endOfDay(bundle.contractEndsOn),
      };
    return tender;
  };
  const framework: JsonObject[] = [];
  const release = (id: string, date: Date | string, tag: string[], rest: JsonObject): JsonObject => ({
    ocid,
    id: `${ocid}-${id}`,
    date: dateTime(date),
    tag,
    initiationType: "tender",
    language: "nl",
    ...rest,
  });
  const leadAsBuyer: JsonObject = leadBuys ? { buyer: reference(lead) } : {};
  framework.push(
    release("planning", bundle.createdAt, ["planning"], {
      parties: [lead, ...buyers] as unknown as Json,
      ...leadAsBuyer,
      planning: {
        rationale: bundle.description || bundle.title,
        budget: {
          description: "Current yearly spend of the participants on what the bundle buys (their declared baseline)",
          amount: amount(lots.reduce((s, l) => s + totalsOf(l).baselineCents, 0)),
        },
      },
      tender: tenderOf("planned"),
    }),
  );
  if (bundle.tenderedAt)
    framework.push(
      release("tender", bundle.tenderedAt, ["tender"], {
        parties: [lead, ...buyers] as unknown as Json,
        ...leadAsBuyer,
        tender: tenderOf("active"),
      }),
    );
  const lotById = new Map(lots.map((l) => [l.id, l]));
  for (const award of awards) {
    const lot = lotById.get(award.lotId);
    if (!lot) continue;
    // Awards come oldest first: the one this replaced is the lot's latest before it.
    const replaced = awards.filter((a) => a.lotId === award.lotId && a.createdAt < award.createdAt).at(-1);
    const supplier = supplierParty(award);
    const total = totalsOf(lot);
    const awardObject: JsonObject = {
      id: award.id,
      title: `${lot.number}. ${lot.title}`,
      status: "active",
      date: dateTime(award.awardedOn),
      suppliers: [reference(supplier)],
      items: [lotItem(lot, Math.round(total.quantity * 1000), award.unitPriceCents)],
      relatedLots: [String(lot.number)],
    };
    if (award.unitPriceCents !== null && lot.unit)
      awardObject.value = amount(Math.round(total.quantity * award.unitPriceCents));
    if (award.reason) awardObject.description = award.reason;
    const awardList: JsonObject[] = [awardObject];
    if (replaced) awardList.unshift({ id: replaced.id, status: "cancelled", description: award.reason ?? "" });
    framework.push(
      release(`award-${award.id}`, award.createdAt, replaced ? ["awardUpdate"] : ["award"], {
        parties: [supplier] as unknown as Json,
        tender: { id: bundle.id, status: "complete", lots: [{ id: String(lot.number), status: "complete" }] },
        awards: awardList,
      }),
    );
  }
  const current = currentAwards(awards);
  const running = bundle.status === "running" || bundle.status === "closed";
  if (running && bundle.contractStartsOn && bundle.contractEndsOn && current.size)
    framework.push(
      release("contract", bundle.closedAt ?? bundle.updatedAt, ["contract"], {
        contracts: [...current.values()].map((a) => {
          const lot = lotById.get(a.lotId) as LotRow;
          return {
            id: `framework-${lot.number}`,
            awardID: a.id,
            title: `${bundle.title}: ${lot.number}. ${lot.title}`,
            status: bundle.status === "closed" ? "terminated" : "active",
            period: {
              startDate: dateTime(bundle.contractStartsOn as string),
              endDate: endOfDay(bundle.contractEndsOn as string),
            },
          };
        }),
      }),
    );
  // Each participant's call-off: its own process, its own ocid, related to the framework.
  const callOffs: JsonObject[] = [];
  if (current.size)
    for (const organisationId of participantIds) {
      const o = orgById.get(organisationId);
      const theirs = declarations.filter((d) => d.organisationId === organisationId && current.has(d.lotId));
      if (!o || !theirs.length) continue;
      const buyer = partyOf(o, ["buyer"]);
      const callOcid = `${ocid}-${organisationId}`;
      const suppliers = new Map<string, Party>();
      const awardsOut: JsonObject[] = [];
      const contracts: JsonObject[] = [];
      let latest = bundle.awardedAt ?? bundle.createdAt;
      for (const d of theirs) {
        const award = current.get(d.lotId) as AwardRow;
        const lot = lotById.get(d.lotId) as LotRow;
        const supplier = supplierParty(award);
        suppliers.set(supplier.id, supplier);
        if (d.createdAt > latest) latest = d.createdAt;
        if (award.createdAt > latest) latest = award.createdAt;
        const value = contractValue(d, award);
        const out: JsonObject = {
          id: `${award.id}-${organisationId}`,
          title: `${lot.number}. ${lot.title}`,
          status: "active",
          date: dateTime(award.awardedOn),
          suppliers: [reference(supplier)],
          items: [lotItem(lot, d.quantityMilli, award.unitPriceCents)],
          relatedLots: [String(lot.number)],
        };
        if (value !== null) out.value = amount(value);
        awardsOut.push(out);
        const contract: JsonObject = {
          id: `${d.id}`,
          awardID: `${award.id}-${organisationId}`,
          title: `${lot.number}. ${lot.title}`,
          status: bundle.status === "closed" ? "terminated" : running ? "active" : "pending",
        };
        if (value !== null) contract.value = amount(value);
        if (bundle.contractStartsOn && bundle.contractEndsOn)
          contract.period = { startDate: dateTime(bundle.contractStartsOn), endDate: endOfDay(bundle.contractEndsOn) };
        contracts.push(contract);
      }
      callOffs.push({
        ocid: callOcid,
        id: `${callOcid}-call-off`,
        date: dateTime(latest),
        tag: ["award", "contract"],
        initiationType: "tender",
        language: "nl",
        parties: [buyer, ...suppliers.values()] as unknown as Json,
        buyer: reference(buyer),
        tender: {
          id: `${bundle.id}-${organisationId}`,
          title: bundle.title,
          status: "complete",
          procuringEntity: reference(buyer),
        },
        awards: awardsOut,
        contracts,
        relatedProcesses: [
          {
            id: "1",
            relationship: ["framework"],
            title: bundle.title,
            scheme: "ocid",
            identifier: ocid,
            relatedLots: theirs.map((d) => String((lotById.get(d.lotId) as LotRow).number)),
          },
        ],
      });
    }
  return [...framework, ...callOffs];
}

/** Whether every item of an array is an object with an id: such arrays merge item by item. */
const isIdentified = (value: Json[]) =>
  value.length > 0 && value.every((v) => typeof v === "object" && v !== null && !Array.isArray(v) && "id" in v);

/** The standard's merge: objects field by field, arrays of identified objects by id, anything else replaced. */
function merge(into: JsonObject, from: JsonObject) {
  for (const [key, value] of Object.entries(from)) {
    const existing = into[key];
    if (Array.isArray(value) && isIdentified(value)) {
      const list = Array.isArray(existing) && isIdentified(existing) ? (existing as JsonObject[]) : [];
      for (const item of value as JsonObject[]) {
        const found = list.find((x) => x.id === item.id);
        if (found) merge(found, item);
        else list.push(structuredClone(item));
      }
      into[key] = list;
    } else if (value && typeof value === "object" && !Array.isArray(value)) {
      const target = existing && typeof existing === "object" && !Array.isArray(existing) ? existing : {};
      merge(target as JsonObject, value);
      into[key] = target;
    } else into[key] = structuredClone(value);
  }
}

/** A compiled release: the process's releases merged in date order, with the compiled id and tag. */
export function compile(releases: JsonObject[]): JsonObject {
  const sorted = [...releases].sort((a, b) => String(a.date).localeCompare(String(b.date)));
  const compiled: JsonObject = {};
  for (const r of sorted) {
    const { id: _id, tag: _tag, ...rest } = r;
    merge(compiled, rest);
  }
  const last = sorted.at(-1);
  return { ...compiled, id: `${String(last?.ocid)}-${String(last?.date)}`, tag: ["compiled"] };
}

/** Release packages and record packages: the package's metadata around the releases. */
export function releasePackage(releases: JsonObject[], meta: { uri: string; publisher: string }) {
  return {
    uri: meta.uri,
    version: "1.1" as const,
    publishedDate: dateTime(new Date()),
    publisher: { name: meta.publisher },
    license: ocdsLicense,
    extensions: ocdsExtensions,
    releases,
  };
}

export function recordPackage(releases: JsonObject[], meta: { uri: string; publisher: string }) {
  const byOcid = new Map<string, JsonObject[]>();
  for (const r of releases) {
    const list = byOcid.get(String(r.ocid));
    if (list) list.push(r);
    else byOcid.set(String(r.ocid), [r]);
  }
  return {
    uri: meta.uri,
    version: "1.1" as const,
    publishedDate: dateTime(new Date()),
    publisher: { name: meta.publisher },
    license: ocdsLicense,
    extensions: ocdsExtensions,
    records: [...byOcid.entries()].map(([ocid, list]) => {
      const sorted = [...list].sort((a, b) => String(a.date).localeCompare(String(b.date)));
      return { ocid, releases: sorted, compiledRelease: compile(sorted) };
    }),
  };
}
