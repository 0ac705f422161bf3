import type { Actor } from "../../platform/auth/actor.ts";
import { dutchOrder } from "../../platform/collation.ts";
import type { Queryable } from "../../platform/db/client.ts";
import { notFound } from "../../platform/errors.ts";
import { abilitiesOf, authorize } from "../../platform/policy.ts";
import type { PublicSection } from "../../platform/vocabulary.ts";
import { calendarOf } from "../agreements/calendar.ts";
import { addDays } from "../agreements/calendar-rules.ts";
import { findOrganisation } from "../organisations/queries.ts";
import { councilDeadlines, councilRulesFor } from "./council-calendar.ts";
import { councilPolicy, publicPagePolicy } from "./policy.ts";
import {
  clientFrameworks,
  contributionsOf,
  frameworkPayments,
  membershipsOn,
  type Payment,
  publicPageOf,
  purchasePayments,
  representativesOf,
} from "./queries.ts";

const byYear = (payments: readonly Payment[]) => {
  const years = new Map<number, number>();
  for (const p of payments) years.set(p.year, (years.get(p.year) ?? 0) + p.cents);
  return [...years.entries()].sort(([a], [b]) => a - b).map(([year, cents]) => ({ year, cents }));
};
const sum = (payments: readonly { cents: number }[]) => payments.reduce((s, p) => s + p.cents, 0);

/**
 * Everything the council's view shows of an organisation on a day: every collaboration it is in, split into real
 * collaboration and outsourcing, with what it pays into each per year and where each figure comes from; what it
 * pays through joint purchases; who represents it; and the council's deadlines of the coming year with their
 * legal source. Read by the organisation's own people, and (the sections it publishes) by anyone.
 */
async function assemble(db: Queryable, organisationId: string, asOf: string) {
  const [memberships, frameworks, purchases, contributions, people] = await Promise.all([
    membershipsOn(db, organisationId, asOf),
    clientFrameworks(db, organisationId),
    purchasePayments(db, organisationId),
    contributionsOf(db, organisationId),
    representativesOf(db, organisationId, asOf),
  ]);
  const payments = new Map<string, Payment[]>();
  const add = (collaborationId: string, list: Payment[]) =>
    payments.set(collaborationId, [...(payments.get(collaborationId) ?? []), ...list]);
  for (const { framework, collaboration } of frameworks) {
    add(collaboration.id, await frameworkPayments(db, framework.id, organisationId));
  }
  for (const c of contributions) {
    add(c.collaborationId, [
      {
        year: c.year,
        cents: Number(c.amountCents),
        source: { kind: "contribution", reference: c.source, version: c.version },
      },
    ]);
  }
  const until = addDays(asOf, 365);
  const deadlines: {
    dueOn: string;
    title: { nl: string; en: string };
    budgetYear: number;
    collaboration: { id: string; name: string };
    source: { setBy: "law" | "agreement"; citation: string; url: string | null };
    document: { title: string; url: string } | null;
  }[] = [];
  const covered = new Set<string>();
  for (const { framework, collaboration } of frameworks) {
    if (framework.status === "ended") continue;
    covered.add(collaboration.id);
    const { rules } = await calendarOf(db, framework);
    const document = framework.governance.documents[0] ?? null;
    for (const d of councilDeadlines(rules, asOf, until)) {
      deadlines.push({ ...d, collaboration, document });
    }
  }
  for (const m of memberships) {
    if (covered.has(m.collaboration_id)) continue;
    for (const d of councilDeadlines(councilRulesFor(m.form), asOf, until)) {
      deadlines.push({ ...d, collaboration: { id: m.collaboration_id, name: m.name }, document: null });
    }
  }
  deadlines.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || dutchOrder(a.collaboration.name, b.collaboration.name));

  const inMemberships = new Set(memberships.map((m) => m.collaboration_id));
  const collaborationsOut = memberships.map((m) => {
    const own = (payments.get(m.collaboration_id) ?? []).sort((a, b) => a.year - b.year);
    return {
      collaboration: { id: m.collaboration_id, name: m.name, nature: m.nature, form: m.form },
      role: m.role,
      shareBasisPoints: m.share_basis_points,
      since: m.valid_from,
      payments: own,
      totalCents: sum(own),
      representatives: people
        .filter((p) => p.collaborationId === m.collaboration_id)
        .map((p) => ({
          id: p.id,
          name: p.name,
          body: p.body,
          office: p.office,
          since: p.since,
          until: p.until,
          version: p.version,
        })),
    };
  });
  // A framework it is a client of whose collaboration it is not (yet) entered as a member of still costs money.
  for (const { collaboration } of frameworks) {
    if (inMemberships.has(collaboration.id)) continue;
    inMemberships.add(collaboration.id);
    const own = payments.get(collaboration.id) ?? [];
    collaborationsOut.push({
      collaboration: {
        id: collaboration.id,
        name: collaboration.name,
        nature: "collaboration",
        form: "gastheergemeente",
      },
      role: "client",
      shareBasisPoints: null,
      since: null,
      payments: own,
      totalCents: sum(own),
      representatives: [],
    });
  }
  const purchaseLines = purchases.map((p) => ({ ...p, totalCents: sum(p.payments) }));
  const everything = [...collaborationsOut.flatMap((c) => c.payments), ...purchaseLines.flatMap((p) => p.payments)];
  return {
    collaborations: collaborationsOut,
    purchases: purchaseLines,
    totals: { byYear: byYear(everything), totalCents: sum(everything) },
    deadlines: deadlines.slice(0, 30),
  };
}

export async function councilView(db: Queryable, actor: Actor, organisationId: string, asOf: string) {
  authorize(councilPolicy, actor, "read", { organisationId }, { conceal: "organisation" });
  const organisation = await findOrganisation(db, organisationId);
  if (!organisation) throw notFound("organisation");
  const [view, page] = await Promise.all([assemble(db, organisationId, asOf), publicPageOf(db, organisationId)]);
  return {
    organisation: { id: organisation.id, name: organisation.name },
    asOf,
    ...view,
    publicPage: { published: page.published, sections: page.sections, version: page.version },
    abilities: abilitiesOf(councilPolicy, actor, { organisationId }),
  };
}

/**
 * A municipality's public page: only the sections it chose, once published. Representatives are public office
 * holders and shown by name; nothing else about people is on it.
 */
export async function publicPage(db: Queryable, actor: Actor | null, organisationId: string, asOf: string) {
  const page = await publicPageOf(db, organisationId);
  authorize(publicPagePolicy, actor, "read", { organisationId, published: page.published }, { conceal: "page" });
  const organisation = await findOrganisation(db, organisationId);
  if (!organisation) throw notFound("page");
  const view = await assemble(db, organisationId, asOf);
  const shows = (section: PublicSection) => page.sections.includes(section);
  return {
    organisation: { id: organisation.id, name: organisation.name },
    asOf,
    published: page.published,
    sections: page.sections,
    collaborations: shows("collaborations")
      ? view.collaborations.map((c) => ({
          collaboration: c.collaboration,
          role: c.role,
          since: c.since,
          payments: shows("payments") ? c.payments : null,
          totalCents: shows("payments") ? c.totalCents : null,
          representatives: shows("representatives")
            ? c.representatives.map((r) => ({ name: r.name, body: r.body, office: r.office }))
            : null,
        }))
      : null,
    purchases: shows("payments") ? view.purchases : null,
    totals: shows("payments") ? view.totals : null,
    deadlines: shows("deadlines") ? view.deadlines : null,
  };
}
