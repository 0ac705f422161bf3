import { and, eq } from "drizzle-orm";
import type { Tx } from "../../platform/db/client.ts";
import { collaborations, mandates, organisations } from "../../platform/db/schema.ts";

/** Cipal, the Flemish intermunicipal ICT company, as an organisation of its own (its real name and KBO number). */
export const cipalKey = "be-intermunicipal-0219395192";
const hasseltKey = "be-municipality-71072";

/**
 * Cipal in the register as an organisation, keeping its own record among the collaborations, so its people can
 * work in Samen. Returns its id. Safe to run at every start.
 */
export async function ensureDemoCipal(tx: Tx): Promise<string> {
  const [known] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.key, cipalKey));
  if (known) return known.id;
  const [row] = await tx
    .insert(organisations)
    .values({
      key: cipalKey,
      kind: "intermunicipal",
      country: "BE",
      name: "Cipal",
      kboNumber: "0219395192",
      source: "Vlaamse overheid, Lokale besturen: intergemeentelijke samenwerkingsverbanden (demo: als organisatie)",
    })
    .returning({ id: organisations.id });
  if (!row) throw new Error("Cipal not stored");
  await tx.update(collaborations).set({ coordinatorId: row.id }).where(eq(collaborations.key, "be-igs-0219395192"));
  return row.id;
}

/**
 * Hasselt, a member of Cipal, lets Cipal answer its surveys for it: a mandate accepted, running from the start of the
 * year until revoked. Returns how many were made (0 when it exists).
 */
export async function loadDemoMandates(tx: Tx, cipal: string): Promise<number> {
  const [hasselt] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.key, hasseltKey));
  if (!hasselt) return 0;
  const [existing] = await tx
    .select({ id: mandates.id })
    .from(mandates)
    .where(and(eq(mandates.grantorId, hasselt.id), eq(mandates.receiverId, cipal)));
  if (existing) return 0;
  const year = new Date().getUTCFullYear();
  await tx.insert(mandates).values({
    grantorId: hasselt.id,
    receiverId: cipal,
    scopes: ["surveys"],
    startsOn: `${year}-01-01`,
    status: "accepted",
    note: "Cipal vult de ICT-bevragingen in voor de stad (demo).",
    answeredAt: new Date(),
  });
  return 1;
}
