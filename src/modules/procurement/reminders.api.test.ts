import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisationId, signedInClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/helpers/server.ts";
import { decodeQuotedPrintable, startSmtpServer } from "../../../test/helpers/smtp.ts";
import { createJobRunner } from "../../platform/jobs.ts";
import { demandRemindersJob } from "./reminders.ts";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let server: TestServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ SMTP_URL: smtp.url });
});
afterAll(async () => {
  await server.close();
  await smtp.close();
});

const day = (offset: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

describe("reminders before the window closes", () => {
  it("mail a participant's editors once when it has not declared a week before the window closes", async () => {
    const editor = (organisationKey: string) =>
      signedInClient(server.url, server.database, { organisationKey, role: "editor" });
    const { client: limburg } = await editor("be-province-70000");
    const { client: hasselt, user: hasseltUser } = await editor("be-municipality-71072");
    const { user: genkUser } = await editor("be-municipality-71016");
    const genk = await organisationId(server.database, "be-municipality-71016");
    const opened = await limburg.post("/api/purchase-bundles", {
      title: "Gezamenlijke aankoop printers",
      subject: "ict_hardware",
      demandOpensOn: day(-10),
      demandClosesOn: day(5),
    });
    const bundle = opened.data.id;
    const withLot = await limburg.post(`/api/purchase-bundles/${bundle}/lots`, {
      title: "Printers",
      cpvCode: "30232110-8",
      unit: "stuk",
    });
    await limburg.post(`/api/purchase-bundles/${bundle}/status`, { status: "collecting" });
    expect((await limburg.post(`/api/purchase-bundles/${bundle}/participants`, { organisationId: genk })).status).toBe(
      201,
    );
    const declared = await hasselt.post(`/api/purchase-bundles/${bundle}/declarations`, {
      lotId: withLot.data.lotList[0].id,
      quantity: 12,
      unitPriceCents: 35_000,
    });
    expect(declared.status).toBe(201);

    const runner = createJobRunner(
      {
        databaseUrl: undefined,
        onError: (error) => {
          throw error;
        },
      },
      {
        db: server.database.db,
        mailer: server.app.platform.mailer,
        publicUrl: server.url,
        now: () => new Date(),
        secret: "x".repeat(40),
        newsletterRate: 10,
      },
      [demandRemindersJob],
    );
    const mailsTo = (email: string) =>
      smtp.received.filter((m) => m.to.includes(email)).map((m) => decodeQuotedPrintable(m.raw));
    await runner.runNow(demandRemindersJob.name);
    const toGenk = mailsTo(genkUser.email);
    expect(toGenk).toHaveLength(1);
    expect(toGenk[0]).toContain("Gezamenlijke aankoop printers");
    expect(toGenk[0]).toContain(`/gezamenlijke-aankoop/${bundle}`);
    expect(toGenk[0]).toMatch(/Genk heeft nog geen vraag opgegeven/);
    expect(mailsTo(hasseltUser.email)).toHaveLength(0);
    await runner.runNow(demandRemindersJob.name);
    expect(mailsTo(genkUser.email)).toHaveLength(1);
    await runner.stop();
  });
});
