import { eq, inArray } from "drizzle-orm";
import type { Tx } from "../../platform/db/client.ts";
import { newsletterIssues, newsletterSubscribers, organisations, users } from "../../platform/db/schema.ts";

/**
 * Provincie Limburg's newsletter: the demo's people as subscribers, and the last three issues in the archive, as a
 * monthly newsletter to every local government would have told them.
 */
const issues = [
  {
    month: "2026-09",
    subject: "Nieuwsbrief Provincie Limburg, september 2026",
    intro: "Na de zomer gaan de **partnerprojecten** weer volop ter plaatse.",
    items: [
      {
        title: "Lokale ouderenzorgbeleidsplanning: de ontwerpen komen eraan",
        body: "De meeste deelnemende besturen zijn klaar met de analyse van hun dossiers. Dit najaar volgen de ontwerpen van de lokale plannen.",
      },
      {
        title: "Nieuw in de partnercatalogus",
        body: "De partnercatalogus beantwoordt nu ook vragen over gezamenlijke aankoop van energie.",
      },
    ],
  },
  {
    month: "2026-10",
    subject: "Nieuwsbrief Provincie Limburg, oktober 2026",
    intro: "Een maand van ontwerpen en bevragingen.",
    items: [
      {
        title: "Bevraging Smart City: bedankt voor uw antwoorden",
        body: "De bevraging over samenwerking rond slimme steden liep tot eind oktober. De resultaten staan in Samen.",
      },
      {
        title: "Inzet ter plaatse",
        body: "Provinciale medewerkers waren deze maand twee keer per week bij de deelnemende besturen.",
      },
    ],
  },
  {
    month: "2026-11",
    subject: "Nieuwsbrief Provincie Limburg, november 2026",
    intro: "De eerste plannen gaan naar de raden.",
    items: [
      {
        title: "Eerste ouderenzorgbeleidsplannen aangenomen",
        body: "Twee besturen namen hun lokaal ouderenzorgbeleidsplan aan. De andere volgen in het voorjaar.",
      },
    ],
  },
];

export async function loadDemoNewsletter(tx: Tx) {
  const [limburg] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.key, "be-province-70000"));
  if (!limburg) return 0;
  const [existing] = await tx
    .select({ id: newsletterIssues.id })
    .from(newsletterIssues)
    .where(eq(newsletterIssues.providerId, limburg.id))
    .limit(1);
  if (existing) return 0;
  const people = await tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(inArray(users.email, ["directeur@hasselt.demo", "raadslid@hasselt.demo", "coordinator@limburg.demo"]));
  if (people.length)
    await tx
      .insert(newsletterSubscribers)
      .values(
        people.map((p) => ({
          providerId: limburg.id,
          email: p.email,
          name: p.name,
          userId: p.id,
          status: "confirmed" as const,
          confirmedAt: new Date("2026-06-01T08:00:00Z"),
        })),
      )
      .onConflictDoNothing();
  await tx.insert(newsletterIssues).values(
    issues.map((issue) => ({
      providerId: limburg.id,
      month: issue.month,
      subject: issue.subject,
      intro: issue.intro,
      items: issue.items.map((item) => ({ kind: "text" as const, ...item, url: null, sourceId: null })),
      status: "sent" as const,
      sentAt: new Date(`${issue.month}-28T09:00:00Z`),
    })),
  );
  return issues.length;
}
