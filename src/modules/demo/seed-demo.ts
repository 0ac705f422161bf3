import { eq, inArray } from "drizzle-orm";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { organisations, userRoles, users } from "../../platform/db/schema.ts";
import type { Role } from "../../platform/vocabulary.ts";
import { createUser } from "../accounts/create-user.ts";
import { loadDemoAgreements } from "./demo-agreements.ts";
import { loadDemoCatalogue, loadDemoFrontOffice } from "./demo-catalogue.ts";
import { loadDemoCouncil } from "./demo-council.ts";
import { cipalKey, ensureDemoCipal, loadDemoMandates } from "./demo-mandates.ts";
import { loadDemoNewsletter } from "./demo-newsletter.ts";
import { loadDemoProcurement } from "./demo-procurement.ts";
import { loadDemoProjects } from "./demo-projects.ts";
import { loadDemoScans, loadDemoSurveys } from "./demo-surveys.ts";

/** The demo's one password. Demo accounts exist only in demo mode, which only listens on localhost. */
export const demoPassword = "samen-demo-2026";

interface DemoAccount {
  email: string;
  name: string;
  isPlatformAdmin?: boolean;
  roles: { organisationKey: string; role: Role; hr?: boolean }[];
  /** What the account shows in the demo, printed at start and listed on the sign-in page (Dutch, English). */
  persona: string;
  personaEn: string;
}

export const demoAccounts: DemoAccount[] = [
  {
    email: "coordinator@limburg.demo",
    name: "Lotte Vandereycken",
    persona: "partnercoördinator, Provincie Limburg",
    personaEn: "partner coordinator, Province of Limburg",
    roles: [{ organisationKey: "be-province-70000", role: "admin" }],
  },
  {
    email: "frontoffice@limburg.demo",
    name: "Wim Peeters",
    persona: "medewerker frontoffice, Provincie Limburg",
    personaEn: "front office officer, Province of Limburg",
    roles: [{ organisationKey: "be-province-70000", role: "editor" }],
  },
  {
    email: "directeur@hasselt.demo",
    name: "Pieter Claes",
    persona: "algemeen directeur, Hasselt en OCMW Hasselt",
    personaEn: "chief executive, Hasselt and OCMW Hasselt",
    roles: [
      { organisationKey: "be-municipality-71072", role: "admin" },
      { organisationKey: "be-ocmw-71072", role: "admin" },
    ],
  },
  {
    email: "raadslid@hasselt.demo",
    name: "Sofie Jacobs",
    persona: "gemeenteraadslid, Hasselt (alleen lezen)",
    personaEn: "council member, Hasselt (read only)",
    roles: [{ organisationKey: "be-municipality-71072", role: "viewer" }],
  },
  {
    email: "manager@emmen.demo",
    name: "Jan Bakker",
    persona: "manager gedeelde diensten, gemeente Emmen",
    personaEn: "shared services manager, municipality of Emmen",
    roles: [{ organisationKey: "nl-municipality-GM0114", role: "admin" }],
  },
  {
    email: "personeelszaken@emmen.demo",
    name: "Fatima El Amrani",
    persona: "personeelszaken (HR), gemeente Emmen",
    personaEn: "human resources, municipality of Emmen",
    roles: [{ organisationKey: "nl-municipality-GM0114", role: "editor", hr: true }],
  },
  {
    email: "personeelszaken@coevorden.demo",
    name: "Erik Hoekstra",
    persona: "personeelszaken (HR), gemeente Coevorden",
    personaEn: "human resources, municipality of Coevorden",
    roles: [{ organisationKey: "nl-municipality-GM0109", role: "editor", hr: true }],
  },
  {
    email: "ledendienst@cipal.demo",
    name: "Koen Wouters",
    persona: "ledendienst, Cipal (werkt onder mandaat voor Hasselt)",
    personaEn: "member services, Cipal (acts for Hasselt under a mandate)",
    roles: [{ organisationKey: cipalKey, role: "editor" }],
  },
  {
    email: "beheer@samen.demo",
    name: "Platformbeheer",
    persona: "platformbeheerder",
    personaEn: "platform administrator",
    isPlatformAdmin: true,
    roles: [],
  },
];

/**
 * Creates what the demo needs and does not have yet: the demo accounts, Provincie Limburg's demo catalogue and a
 * front office with tickets in every state. Safe to run at every start.
 */
export async function seedDemo(tx: Tx, ctx: RequestContext) {
  const cipal = await ensureDemoCipal(tx);
  const accounts = await seedDemoAccounts(tx, ctx);
  const catalogue = await loadDemoCatalogue(tx, ctx);
  const tickets = catalogue.providerId
    ? await loadDemoFrontOffice(tx, catalogue.providerId, "frontoffice@limburg.demo", "directeur@hasselt.demo")
    : 0;
  const frameworks = await loadDemoAgreements(tx);
  const surveyAnswers = await loadDemoSurveys(tx);
  const scans = await loadDemoScans(tx);
  const partnerProjects = await loadDemoProjects(tx);
  const newsletterIssues = await loadDemoNewsletter(tx);
  const jointPurchases = await loadDemoProcurement(tx);
  const councilRepresentations = await loadDemoCouncil(tx);
  const mandates = await loadDemoMandates(tx, cipal);
  return {
    accounts,
    catalogueEntries: catalogue.created,
    tickets,
    frameworks,
    surveyAnswers,
    scans,
    partnerProjects,
    newsletterIssues,
    jointPurchases,
    councilRepresentations,
    mandates,
  };
}

/** Creates the demo accounts that do not exist yet. Returns how many were created. */
async function seedDemoAccounts(tx: Tx, ctx: RequestContext): Promise<number> {
  const keys = demoAccounts.flatMap((a) => a.roles.map((r) => r.organisationKey));
  const orgs = await tx
    .select({ id: organisations.id, key: organisations.key })
    .from(organisations)
    .where(inArray(organisations.key, keys));
  const idOf = new Map(orgs.map((o) => [o.key, o.id]));
  let created = 0;
  for (const account of demoAccounts) {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, account.email));
    if (existing) continue;
    const [first, ...more] = account.roles;
    const firstOrg = first ? idOf.get(first.organisationKey) : undefined;
    const { id } = await createUser(tx, ctx, {
      email: account.email,
      name: account.name,
      password: demoPassword,
      isPlatformAdmin: account.isPlatformAdmin ?? false,
      isDemo: true,
      ...(first && firstOrg ? { organisationId: firstOrg, role: first.role, hr: first.hr ?? false } : {}),
    });
    for (const extra of more) {
      const organisationId = idOf.get(extra.organisationKey);
      if (organisationId)
        await tx.insert(userRoles).values({ userId: id, organisationId, role: extra.role, hr: extra.hr ?? false });
    }
    created++;
  }
  return created;
}
