import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/helpers/database.ts";
import type { Database } from "../../platform/db/client.ts";
import {
  organisations,
  purchaseAwards,
  purchaseBundles,
  purchaseDeclarations,
  purchaseLots,
} from "../../platform/db/schema.ts";
import { maxYearlyCents } from "./declarations.ts";
import { participantTotals } from "./queries.ts";
import { baselineCents, realisedSaving } from "./savings.ts";

let database: Database;
let organisationIds: string[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
  organisationIds = (await database.db.select({ id: organisations.id }).from(organisations).limit(12)).map((o) => o.id);
});
afterAll(() => database.close());

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });

describe("the dashboard's sums in the database", () => {
  it("come to the same cents as the arithmetic of savings, for any declarations and awards", async () => {
    const { db } = database;
    const lead = organisationIds[0] as string;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc
            .record({
              organisation: fc.integer({ min: 0, max: 11 }),
              quantityMilli: maybe(fc.integer({ min: 0, max: 10 ** 12 })),
              unitPriceCents: maybe(fc.integer({ min: 0, max: 10 ** 7 })),
              yearlySpendCents: maybe(fc.integer({ min: 0, max: 10 ** 11 })),
            })
            // As declarations are taken: a year's spend at most maxYearlyCents.
            .filter(
              (d) =>
                d.quantityMilli === null ||
                d.unitPriceCents === null ||
                (d.quantityMilli / 1000) * d.unitPriceCents <= maxYearlyCents,
            ),
          { maxLength: 12 },
        ),
        maybe(fc.integer({ min: 0, max: 10 ** 7 })),
        maybe(fc.integer({ min: 0, max: 10_000 })),
        async (declarations, contractPrice, discount) => {
          await db.execute(sql`DELETE FROM purchase_awards`);
          await db.execute(sql`DELETE FROM purchase_declarations`);
          await db.execute(sql`DELETE FROM purchase_lots`);
          await db.execute(sql`DELETE FROM purchase_bundles`);
          const [bundle] = await db
            .insert(purchaseBundles)
            .values({
              leadBuyerId: lead,
              leadRole: "procuringEntity",
              title: "Eigenschap",
              subject: "other",
              demandOpensOn: "2026-01-01",
              demandClosesOn: "2026-02-01",
            })
            .returning();
          const [lot] = await db
            .insert(purchaseLots)
            .values({ bundleId: bundle?.id as string, number: 1, title: "Perceel", cpvCode: "09310000-5", unit: "MWh" })
            .returning();
          if (!bundle || !lot) throw new Error("not stored");
          const award = { unitPriceCents: contractPrice, spendDiscountBasisPoints: discount };
          if (contractPrice !== null || discount !== null)
            await db.insert(purchaseAwards).values({
              bundleId: bundle.id,
              lotId: lot.id,
              supplierName: "Leverancier",
              supplierScheme: "BE-BCE_KBO",
              supplierIdentifier: "0999000197",
              ...award,
              awardedOn: "2026-03-01",
            });
          // One declaration per organisation and lot.
          const unique = [...new Map(declarations.map((d) => [d.organisation, d])).values()];
          if (unique.length)
            await db.insert(purchaseDeclarations).values(
              unique.map((d) => ({
                bundleId: bundle.id,
                lotId: lot.id,
                organisationId: organisationIds[d.organisation] as string,
                quantityMilli: d.quantityMilli,
                unitPriceCents: d.unitPriceCents,
                yearlySpendCents: d.yearlySpendCents,
              })),
            );
          const fromDatabase = await participantTotals(db, [bundle.id]);
          const awarded = contractPrice !== null || discount !== null;
          for (const d of unique) {
            const row = fromDatabase.find((r) => r.organisationId === organisationIds[d.organisation]);
            expect(row?.baselineCents).toBe(baselineCents(d) ?? 0);
            expect(row?.awarded).toBe(awarded);
            if (awarded) expect(row?.realisedCents ?? 0).toBe(realisedSaving(d, award).cents ?? 0);
          }
          expect(fromDatabase).toHaveLength(unique.length);
        },
      ),
      { numRuns: 40 },
    );
  });
});
