import { and, asc, desc, eq } from "drizzle-orm";
import { seedDemo } from "../../src/modules/demo/seed-demo.ts";
import { issueApiToken } from "../../src/platform/auth/sessions.ts";
import { systemContext } from "../../src/platform/context.ts";
import type { Database } from "../../src/platform/db/client.ts";
import {
  catalogueEntries,
  deployments,
  frameworks,
  invitations,
  mandates,
  membershipContributions,
  newsletterIssues,
  organisations,
  progressUpdates,
  projectMilestones,
  projectParticipants,
  projects,
  purchaseBundles,
  purchaseDeclarations,
  purchaseLots,
  representatives,
  savingsUses,
  searchSynonyms,
  settlements,
  staffTransfers,
  subAgreements,
  surveys,
  worksCouncilConsultations,
} from "../../src/platform/db/schema.ts";
import type { Role } from "../../src/platform/vocabulary.ts";
import { buildUser, organisationId, testPassword } from "../factories.ts";
import { Client, startTestServer } from "../helpers/server.ts";

/** How an actor stands towards the organisation it acts for. HR is an editor who works in its HR department. */
export const standings = ["viewer", "editor", "admin", "hr", "tokenRead", "tokenWrite"] as const;
export type Standing = (typeof standings)[number];

/** How the actor's organisation stands towards the thing asked for: its owner, the one it serves, or neither. */
export const relations = ["own", "served", "foreign"] as const;
export type Relation = (typeof relations)[number];

export type Persona =
  | { kind: "anonymous" }
  | { kind: "platform" }
  | { kind: "member"; relation: Relation; standing: Standing };

export const personas: Persona[] = [
  { kind: "anonymous" },
  { kind: "platform" },
  ...relations.flatMap((relation) => standings.map((standing) => ({ kind: "member" as const, relation, standing }))),
];

export const nameOf = (p: Persona) => (p.kind === "member" ? `${p.relation} ${p.standing}` : p.kind);

/** The role an actor of that standing has: HR officers edit; the tokens are an administrator's. */
export const roleOf: Record<Standing, Role> = {
  viewer: "viewer",
  editor: "editor",
  admin: "admin",
  hr: "editor",
  tokenRead: "admin",
  tokenWrite: "admin",
};

const organisationKeys = {
  limburg: "be-province-70000",
  hasselt: "be-municipality-71072",
  ocmwHasselt: "be-ocmw-71072",
  genk: "be-municipality-71016",
  emmen: "nl-municipality-GM0114",
  coevorden: "nl-municipality-GM0109",
} as const;
export type OrganisationName = keyof typeof organisationKeys;

/**
 * The demo's world, with the ids a request names: Provincie Limburg's catalogue, desk and Smart City survey,
 * Hasselt's tickets and readiness scan with its OCMW, Emmen's framework agreement with Coevorden, and what the
 * access test adds (a collaboration Hasselt coordinates, with Genk as member; an API token; a colleague).
 */
export interface World {
  org: Record<OrganisationName, string>;
  framework: string;
  subAgreement: string;
  settledYear: number;
  settlement: string;
  transfer: string;
  consultation: string;
  template: string;
  survey: string;
  draftSurvey: string;
  scan: string;
  entry: string;
  synonym: string;
  ticket: string;
  attachment: string;
  collaboration: string;
  membership: string;
  token: string;
  colleague: string;
  /** An open invitation of Hasselt to a colleague. */
  colleagueInvitation: string;
  /** The demo's mandate: Hasselt lets Cipal answer its surveys. */
  mandate: string;
  project: string;
  participant: string;
  invitation: string;
  milestone: string;
  deployment: string;
  staffMember: string;
  update: string;
  issue: string;
  archivedIssue: string;
  document: string;
  /** Limburg's ICT purchase collecting demand, with Hasselt's declaration; its running energy purchase. */
  bundle: string;
  lot: string;
  declaration: string;
  awardedBundle: string;
  awardedLot: string;
  savingsUse: string;
  purchaseDocument: string;
  /** A demo representative of Hasselt, the collaboration they sit in, and a contribution Hasselt entered. */
  representative: string;
  representativeCollaboration: string;
  contribution: { collaborationId: string; year: number };
}

/** The smallest file a PDF reader (and a signature check) takes for a PDF. */
export const minimalPdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

async function one<T>(rows: Promise<T[]>, what: string): Promise<T> {
  const [row] = await rows;
  if (!row) throw new Error(`the demo world has no ${what}`);
  return row;
}

/** Loads the demo into a test database and reads the world's ids from it. */
export async function buildWorld(database: Database): Promise<World> {
  await database.db.transaction((tx) => seedDemo(tx, systemContext("access test")));
  const org = {} as Record<OrganisationName, string>;
  for (const [name, key] of Object.entries(organisationKeys))
    org[name as OrganisationName] = await organisationId(database, key);
  const { db } = database;
  const framework = await one(
    db.select({ id: frameworks.id }).from(frameworks).where(eq(frameworks.hostId, org.emmen)),
    "framework",
  );
  const settled = await one(
    db
      .select({ id: settlements.id, sub: settlements.subAgreementId, year: settlements.year })
      .from(settlements)
      .innerJoin(subAgreements, eq(subAgreements.id, settlements.subAgreementId))
      .where(and(eq(subAgreements.frameworkId, framework.id), eq(settlements.status, "approved")))
      .orderBy(asc(settlements.year)),
    "approved settlement",
  );
  const transfer = await one(
    db
      .select({ id: staffTransfers.id })
      .from(staffTransfers)
      .where(eq(staffTransfers.fromOrganisationId, org.coevorden)),
    "staff transfer from Coevorden",
  );
  const consultation = await one(
    db
      .select({ id: worksCouncilConsultations.id })
      .from(worksCouncilConsultations)
      .where(eq(worksCouncilConsultations.organisationId, org.coevorden)),
    "consultation of Coevorden",
  );
  const survey = await one(
    db
      .select({ id: surveys.id })
      .from(surveys)
      .where(and(eq(surveys.ownerOrganisationId, org.limburg), eq(surveys.status, "open"), eq(surveys.kind, "survey"))),
    "open survey of Limburg",
  );
  const scan = await one(
    db
      .select({ id: surveys.id })
      .from(surveys)
      .where(and(eq(surveys.ownerOrganisationId, org.hasselt), eq(surveys.kind, "scan"))),
    "scan of Hasselt",
  );
  const entry = await one(
    db
      .select({ id: catalogueEntries.id })
      .from(catalogueEntries)
      .where(and(eq(catalogueEntries.providerId, org.limburg), eq(catalogueEntries.status, "published"))),
    "published entry",
  );
  const synonym = await one(
    db.select({ id: searchSynonyms.id }).from(searchSynonyms).where(eq(searchSynonyms.providerId, org.limburg)),
    "synonym",
  );

  // What the demo does not hold, made by its own people through the API.
  const hasselt = await signIn(database, org.hasselt, "editor");
  const collaboration = await hasselt.post("/api/collaborations", {
    name: "Toegangstest Hasselt–Genk",
    form: "interlokale_vereniging",
    country: "BE",
    startedOn: "2026-01-01",
  });
  if (collaboration.status !== 201) throw new Error(`collaboration: ${JSON.stringify(collaboration.data)}`);
  const member = await hasselt.post(`/api/collaborations/${collaboration.data.id}/members`, {
    organisationId: org.genk,
    role: "member",
  });
  if (member.status !== 201) throw new Error(`membership: ${JSON.stringify(member.data)}`);
  const membership = (member.data.members as { id: string; organisation: { id: string } }[]).find(
    (m) => m.organisation.id === org.genk,
  );
  const asked = await hasselt.post("/api/tickets", {
    providerId: org.limburg,
    subject: "Toegangstest",
    question: "Wie mag deze vraag en haar bijlage lezen?",
    attachments: [{ filename: "plan.txt", contentType: "text/plain", data: Buffer.from("plan").toString("base64") }],
  });
  if (asked.status !== 201) throw new Error(`ticket: ${JSON.stringify(asked.data)}`);
  const attachment = { ticket: asked.data.id as string, id: asked.data.attachments[0].id as string };
  const limburg = await signIn(database, org.limburg, "editor");
  const draft = await limburg.post("/api/surveys", {
    title: "Toegangstest",
    definition: { elements: [{ type: "text", name: "naam", title: "Naam" }] },
    audience: { organisationIds: [org.hasselt] },
  });
  if (draft.status !== 201) throw new Error(`survey: ${JSON.stringify(draft.data)}`);
  const emmen = await signIn(database, org.emmen, "editor");
  const template = await emmen.post("/api/calendar-templates", { name: "Toegangstest", from: "wgr" });
  if (template.status !== 201) throw new Error(`template: ${JSON.stringify(template.data)}`);
  const token = await database.db.transaction((tx) =>
    issueApiToken(tx, {
      name: "toegangstest",
      organisationId: org.hasselt,
      role: "viewer",
      scopes: ["read"],
      createdBy: null,
      expiresAt: null,
    }),
  );
  const colleague = await buildUser(database, { organisationKey: organisationKeys.hasselt, role: "viewer" });
  const [colleagueInvitation] = await db
    .insert(invitations)
    .values({
      organisationId: org.hasselt,
      email: "uitgenodigd@example.test",
      role: "editor",
      tokenHash: "0".repeat(64),
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    .returning({ id: invitations.id });
  const mandate = await one(
    db.select({ id: mandates.id }).from(mandates).where(eq(mandates.grantorId, org.hasselt)),
    "mandate of Hasselt",
  );
  const [participation, invitation] = await db
    .select({
      id: projectParticipants.id,
      project: projectParticipants.projectId,
      confirmed: projectParticipants.confirmedAt,
    })
    .from(projectParticipants)
    .innerJoin(projects, eq(projects.id, projectParticipants.projectId))
    .where(and(eq(projectParticipants.organisationId, org.hasselt), eq(projects.providerId, org.limburg)))
    .orderBy(asc(projects.title));
  const confirmed = [participation, invitation].find((p) => p?.confirmed);
  const invited = [participation, invitation].find((p) => p && !p.confirmed);
  if (!confirmed || !invited) throw new Error("the demo world has no partner project with Hasselt");
  const milestone = await one(
    db
      .select({ id: projectMilestones.id })
      .from(projectMilestones)
      .where(eq(projectMilestones.projectId, confirmed.project)),
    "milestone",
  );
  const deployment = await one(
    db
      .select({ id: deployments.id, staff: deployments.staffUserId })
      .from(deployments)
      .where(
        and(
          eq(deployments.providerId, org.limburg),
          eq(deployments.organisationId, org.hasselt),
          eq(deployments.status, "done"),
        ),
      )
      .orderBy(asc(deployments.day)),
    "deployment at Hasselt",
  );
  const update = await one(
    db
      .select({ id: progressUpdates.id })
      .from(progressUpdates)
      .where(
        and(eq(progressUpdates.projectId, confirmed.project), eq(progressUpdates.authorOrganisationId, org.limburg)),
      ),
    "progress update by Limburg",
  );
  const attached = await limburg.request(
    "POST",
    `/api/projects/${confirmed.project}/documents?title=Projectplan&filename=projectplan.pdf`,
    { body: minimalPdf, headers: { "content-type": "application/pdf" } },
  );
  if (attached.status !== 201) throw new Error(`document: ${JSON.stringify(attached.data)}`);
  const collecting = await one(
    db
      .select({ id: purchaseBundles.id })
      .from(purchaseBundles)
      .where(and(eq(purchaseBundles.leadBuyerId, org.limburg), eq(purchaseBundles.status, "collecting"))),
    "joint purchase of Limburg collecting demand",
  );
  // The latest energy purchase: running until its term ends in 2028, closed after (a call-off is then refused).
  const running = await one(
    db
      .select({ id: purchaseBundles.id })
      .from(purchaseBundles)
      .where(and(eq(purchaseBundles.leadBuyerId, org.limburg), eq(purchaseBundles.subject, "energy")))
      .orderBy(desc(purchaseBundles.contractStartsOn)),
    "awarded joint purchase of Limburg",
  );
  const declaration = await one(
    db
      .select({ id: purchaseDeclarations.id, lot: purchaseDeclarations.lotId })
      .from(purchaseDeclarations)
      .where(
        and(eq(purchaseDeclarations.bundleId, collecting.id), eq(purchaseDeclarations.organisationId, org.hasselt)),
      )
      .orderBy(asc(purchaseDeclarations.createdAt)),
    "declaration of Hasselt",
  );
  const awardedLot = await one(
    db.select({ id: purchaseLots.id }).from(purchaseLots).where(eq(purchaseLots.bundleId, running.id)),
    "awarded lot",
  );
  const savingsUse = await one(
    db.select({ id: savingsUses.id }).from(savingsUses).where(eq(savingsUses.organisationId, org.hasselt)),
    "what Hasselt's savings pay for",
  );
  const purchaseDocument = await limburg.request(
    "POST",
    `/api/purchase-bundles/${collecting.id}/documents?title=Bestek&filename=bestek.pdf`,
    { body: minimalPdf, headers: { "content-type": "application/pdf" } },
  );
  if (purchaseDocument.status !== 201) throw new Error(`purchase document: ${JSON.stringify(purchaseDocument.data)}`);
  const representative = await one(
    db
      .select({ id: representatives.id, collaborationId: representatives.collaborationId })
      .from(representatives)
      .where(eq(representatives.organisationId, org.hasselt))
      .orderBy(asc(representatives.name)),
    "a representative of Hasselt",
  );
  const contribution = await one(
    db
      .select({ collaborationId: membershipContributions.collaborationId, year: membershipContributions.year })
      .from(membershipContributions)
      .where(eq(membershipContributions.organisationId, org.hasselt))
      .orderBy(asc(membershipContributions.year)),
    "a contribution Hasselt entered",
  );
  const composed = await limburg.post(`/api/newsletters/${org.limburg}/issues`, { month: "2026-11" });
  if (composed.status !== 201) throw new Error(`newsletter: ${JSON.stringify(composed.data)}`);
  const archived = await one(
    db
      .select({ id: newsletterIssues.id })
      .from(newsletterIssues)
      .where(and(eq(newsletterIssues.providerId, org.limburg), eq(newsletterIssues.status, "sent"))),
    "sent newsletter",
  );
  return {
    org,
    framework: framework.id,
    subAgreement: settled.sub,
    settledYear: settled.year,
    settlement: settled.id,
    transfer: transfer.id,
    consultation: consultation.id,
    template: template.data.id,
    survey: survey.id,
    draftSurvey: draft.data.id,
    scan: scan.id,
    entry: entry.id,
    synonym: synonym.id,
    ticket: attachment.ticket,
    attachment: attachment.id,
    collaboration: collaboration.data.id,
    membership: membership?.id ?? "",
    token: token.id,
    colleague: colleague.id,
    colleagueInvitation: colleagueInvitation?.id ?? "",
    mandate: mandate.id,
    project: confirmed.project,
    participant: confirmed.id,
    invitation: invited.id,
    milestone: milestone.id,
    deployment: deployment.id,
    staffMember: deployment.staff,
    update: update.id,
    issue: composed.data.id,
    archivedIssue: archived.id,
    document: attached.data.id,
    bundle: collecting.id,
    lot: declaration.lot,
    declaration: declaration.id,
    awardedBundle: running.id,
    awardedLot: awardedLot.id,
    savingsUse: savingsUse.id,
    purchaseDocument: purchaseDocument.data.id,
    representative: representative.id,
    representativeCollaboration: representative.collaborationId,
    contribution,
  };
}

let baseUrl = "";
/** Where the personas' clients send their requests. */
export function pointClientsAt(url: string) {
  baseUrl = url;
}

const clients = new Map<string, Client>();

/** A client acting for the organisation with the given standing: a signed-in person, or an API token. */
export async function clientFor(database: Database, organisation: string, standing: Standing): Promise<Client> {
  const key = `${organisation}|${standing}`;
  const known = clients.get(key);
  if (known) return known;
  let client: Client;
  if (standing === "tokenRead" || standing === "tokenWrite") {
    const { token } = await database.db.transaction((tx) =>
      issueApiToken(tx, {
        name: `toegangstest ${standing}`,
        organisationId: organisation,
        role: roleOf[standing],
        scopes: standing === "tokenWrite" ? ["read", "write"] : ["read"],
        createdBy: null,
        expiresAt: null,
      }),
    );
    client = new Client(baseUrl, { authorization: `Bearer ${token}` });
  } else {
    client = await signIn(database, organisation, standing);
  }
  clients.set(key, client);
  return client;
}

async function signIn(
  database: Database,
  organisation: string,
  standing: Exclude<Standing, "tokenRead" | "tokenWrite">,
) {
  const [row] = await database.db
    .select({ key: organisations.key })
    .from(organisations)
    .where(eq(organisations.id, organisation));
  const user = await buildUser(database, {
    organisationKey: row?.key as string,
    role: roleOf[standing],
    hr: standing === "hr",
  });
  const client = new Client(baseUrl);
  const response = await client.post("/api/auth/sign-in", { email: user.email, password: testPassword });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  return client;
}

let platformClient: Client | null = null;
export async function platformAdmin(database: Database): Promise<Client> {
  if (platformClient) return platformClient;
  const user = await buildUser(database, { isPlatformAdmin: true });
  platformClient = new Client(baseUrl);
  await platformClient.post("/api/auth/sign-in", { email: user.email, password: testPassword });
  return platformClient;
}

/** A test server over the demo's world, the personas' clients pointed at it, and its OpenAPI document. */
export async function startWorld() {
  const server = await startTestServer({ SIGN_IN_RATE_LIMIT: "1000" });
  pointClientsAt(server.url);
  const world = await buildWorld(server.database);
  const spec = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
    paths: Record<string, Record<string, any>>;
    components: { schemas: Record<string, any> };
  };
  return { server, world, spec };
}
