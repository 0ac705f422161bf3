import { count, eq, inArray } from "drizzle-orm";
import type { RequestContext } from "../../platform/context.ts";
import { readDataFile } from "../../platform/data-files.ts";
import type { Tx } from "../../platform/db/client.ts";
import {
  catalogueEntries,
  organisations,
  searchMisses,
  ticketMessages,
  tickets,
  users,
} from "../../platform/db/schema.ts";
import type { TicketMessageKind, TicketStatus, TicketUrgency } from "../../platform/vocabulary.ts";
import { addWorkingDays } from "../../platform/working-days.ts";
import { importCatalogue } from "../catalogue/transfer.ts";

/** Provincie Limburg (BE), whose partner catalogue the demo shows. */
export const demoProviderKey = "be-province-70000";
export const demoCatalogueFile = "demo/partnercatalogus-limburg.json";

/**
 * Loads the demo catalogue of Provincie Limburg (59 questions and answers written for the demo, marked as demo
 * content) through the same import any catalogue file goes through. Does nothing when Limburg has entries.
 */
export async function loadDemoCatalogue(tx: Tx, ctx: RequestContext) {
  const [limburg] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.key, demoProviderKey));
  if (!limburg) return { providerId: null, created: 0 };
  const [{ n } = { n: 0 }] = await tx
    .select({ n: count() })
    .from(catalogueEntries)
    .where(eq(catalogueEntries.providerId, limburg.id));
  if (n > 0) return { providerId: limburg.id, created: 0 };
  const report = await importCatalogue(tx, ctx, limburg.id, {
    format: "json",
    content: readDataFile(demoCatalogueFile),
    dryRun: false,
    isDemo: true,
  });
  if (report.problems.length) throw new Error(`demo catalogue: ${JSON.stringify(report.problems.slice(0, 3))}`);
  return { providerId: limburg.id, created: report.created };
}

interface DemoTicket {
  asker: string;
  subject: string;
  question: string;
  theme: string | null;
  urgency: TicketUrgency;
  status: TicketStatus;
  daysAgo: number;
  /** Hours after asking that the desk answered. */
  answeredAfterHours?: number;
  messages: { kind: TicketMessageKind; fromDesk: boolean; body: string; hoursAfter: number }[];
}

const demoTickets: DemoTicket[] = [
  {
    asker: "be-municipality-71072",
    subject: "Kunnen we samen met Zonhoven een preventieadviseur delen",
    question:
      "Onze preventieadviseur gaat met pensioen. Zonhoven zoekt er ook een. Kan de provincie helpen om één preventieadviseur voor beide besturen aan te werven, en hoe verdelen we dan de kosten?",
    theme: "Personeel",
    urgency: "normal",
    status: "answered",
    daysAgo: 9,
    answeredAfterHours: 30,
    messages: [
      {
        kind: "note",
        fromDesk: true,
        body: "Vergelijkbare vraag vorig jaar van Bilzen-Hoeselt; modelovereenkomst ligt bij HR.",
        hoursAfter: 4,
      },
      {
        kind: "answer",
        fromDesk: true,
        body: "Ja, dat kan. Wij leveren een **modelovereenkomst voor een gedeelde medewerker**: één bestuur werft aan, het andere betaalt zijn deel volgens de gepresteerde uren. De preventieadviseur moet voor elk bestuur apart aangesteld worden door de raad. We plannen graag een overleg met beide HR-diensten.",
        hoursAfter: 30,
      },
    ],
  },
  {
    asker: "be-municipality-71016",
    subject: "Welke subsidie bestaat er voor een speelplein in een sociale woonwijk",
    question:
      "We willen het speelplein in de wijk Kolderbos vernieuwen, samen met de sociale huisvestingsmaatschappij. Welke toelagen kunnen we combineren?",
    theme: "Subsidies",
    urgency: "normal",
    status: "assigned",
    daysAgo: 12,
    messages: [],
  },
  {
    asker: "be-municipality-72020",
    subject: "Bodemverontreiniging bij herbestemming van een oude schoolsite",
    question:
      "Bij de herbestemming van de oude schoolsite in het centrum vonden we sporen van stookolie. Wie kan ons helpen met de procedure bij OVAM en de kosten?",
    theme: null,
    urgency: "high",
    status: "new",
    daysAgo: 0,
    messages: [],
  },
  {
    asker: "be-municipality-73111",
    subject: "Energieboekhouding koppelen aan ons gebouwenbeheer",
    question:
      "Kunnen de meterstanden uit de provinciale energieboekhouding automatisch in ons eigen pakket voor gebouwenbeheer terechtkomen?",
    theme: "Energie en klimaat",
    urgency: "low",
    status: "waiting",
    daysAgo: 5,
    messages: [
      {
        kind: "question",
        fromDesk: true,
        body: "Welk pakket voor gebouwenbeheer gebruikt u, en heeft het een API of een importfunctie voor CSV?",
        hoursAfter: 20,
      },
    ],
  },
  {
    asker: "be-municipality-73107",
    subject: "Model voor een deontologische code",
    question: "Heeft de provincie een model van deontologische code voor de nieuwe gemeenteraad?",
    theme: "Bestuur en samenwerking",
    urgency: "normal",
    status: "closed",
    daysAgo: 30,
    answeredAfterHours: 50,
    messages: [
      {
        kind: "answer",
        fromDesk: true,
        body: "Ja, u vindt het model in bijlage van onze nieuwsbrief van januari; we sturen het u ook per mail.",
        hoursAfter: 50,
      },
      { kind: "reply", fromDesk: false, body: "Ontvangen, dank u!", hoursAfter: 60 },
    ],
  },
];

const demoMisses = [
  { query: "zwembad renovatie", count: 6 },
  { query: "hondenpoep", count: 3 },
  { query: "begraafplaats digitaliseren", count: 2 },
];

/** Demo tickets in every state (one answered that can become an entry, one past its service level) and misses. */
export async function loadDemoFrontOffice(tx: Tx, providerId: string, deskUserEmail: string, askerEmail: string) {
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(tickets).where(eq(tickets.providerId, providerId));
  if (n > 0) return 0;
  const askerKeys = demoTickets.map((t) => t.asker);
  const orgs = await tx
    .select({ id: organisations.id, key: organisations.key, name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.key, askerKeys));
  const byKey = new Map(orgs.map((o) => [o.key, o]));
  const people = await tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(inArray(users.email, [deskUserEmail, askerEmail]));
  const desk = people.find((p) => p.email === deskUserEmail);
  const askerUser = people.find((p) => p.email === askerEmail);
  let created = 0;
  for (const demo of demoTickets) {
    const org = byKey.get(demo.asker);
    if (!org) continue;
    const asked = new Date(Date.now() - demo.daysAgo * 86_400_000 - 3 * 3_600_000);
    const at = (hours: number) => new Date(asked.getTime() + hours * 3_600_000);
    const isHasselt = demo.asker === "be-municipality-71072";
    const [ticket] = await tx
      .insert(tickets)
      .values({
        providerId,
        askerOrganisationId: org.id,
        askerUserId: isHasselt ? (askerUser?.id ?? null) : null,
        subject: demo.subject,
        question: demo.question,
        theme: demo.theme,
        urgency: demo.urgency,
        status: demo.status,
        assigneeUserId: demo.status === "new" ? null : (desk?.id ?? null),
        dueOn: addWorkingDays(
          asked.toISOString().slice(0, 10),
          demo.urgency === "high" ? 3 : demo.urgency === "low" ? 10 : 5,
          "BE",
        ),
        answeredAt: demo.answeredAfterHours ? at(demo.answeredAfterHours) : null,
        closedAt: demo.status === "closed" ? at(70) : null,
        isDemo: true,
        createdAt: asked,
        updatedAt: asked,
      })
      .returning({ id: tickets.id });
    if (!ticket) continue;
    for (const m of demo.messages) {
      await tx.insert(ticketMessages).values({
        ticketId: ticket.id,
        kind: m.kind,
        body: m.body,
        authorUserId: m.fromDesk ? (desk?.id ?? null) : null,
        authorName: m.fromDesk ? (desk?.name ?? "Frontoffice") : org.name,
        authorOrganisationId: m.fromDesk ? providerId : org.id,
        createdAt: at(m.hoursAfter),
      });
    }
    created++;
  }
  await tx
    .insert(searchMisses)
    .values(demoMisses.map((m) => ({ providerId, ...m })))
    .onConflictDoNothing();
  return created;
}
