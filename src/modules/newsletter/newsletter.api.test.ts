import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser, organisationId, signedInClient } from "../../../test/factories.ts";
import { type Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";
import { decodeQuotedPrintable, startSmtpServer } from "../../../test/helpers/smtp.ts";
import { sendPending } from "./send.ts";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let server: TestServer;
let editor: Client;
let limburg: string;
const strangers = ["griet.peeters@example.be", "jan.desmet@example.be", "an.claes@example.be"];
let colleague: { email: string };

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ SMTP_URL: smtp.url, MAIL_FROM: "nieuwsbrief@limburg.example" });
  ({ client: editor } = await signedInClient(server.url, server.database, {
    organisationKey: "be-province-70000",
    role: "editor",
  }));
  limburg = await organisationId(server.database, "be-province-70000");
  colleague = await buildUser(server.database, { organisationKey: "be-municipality-71072", role: "viewer" });
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
const send = () =>
  sendPending({
    db: server.database.db,
    mailer: server.app.platform.mailer,
    publicUrl: server.url,
    now: () => new Date(),
    secret: server.config.sessionSecret,
    newsletterRate: 1000,
  });

describe("the monthly newsletter", () => {
  it("subscribes users of Samen at once and anyone else only after they confirm", async () => {
    expect((await editor.post(`/api/newsletters/${limburg}/subscribers`, { email: colleague.email })).status).toBe(202);
    for (const email of strangers.slice(0, 2))
      expect((await editor.post(`/api/newsletters/${limburg}/subscribers`, { email, name: null })).status).toBe(202);
    // Someone subscribes themselves, without signing in.
    const anonymous = await fetch(`${server.url}/api/newsletters/${limburg}/subscribe`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: strangers[2], name: "An Claes" }),
    });
    expect(anonymous.status).toBe(202);
    const list = await editor.get(`/api/newsletters/${limburg}/subscribers`);
    expect(list.data.counts).toEqual({ unconfirmed: 3, confirmed: 1, unsubscribed: 0 });
    // Each stranger has a mail with a link to confirm; two of them confirm, the third does not.
    for (const email of strangers.slice(0, 2)) {
      const [mail] = mailsTo(email);
      const link = /nieuwsbrief\/bevestigen#s=([0-9a-f-]{36})&t=([A-Za-z0-9_-]{43})/.exec(
        decodeQuotedPrintable(mail?.raw ?? ""),
      );
      expect(link, email).not.toBeNull();
      const [, id, token] = link as RegExpExecArray;
      expect((await editor.post(`/api/newsletter-subscriptions/${id}/confirm`, { token: "x".repeat(43) })).status).toBe(
        404,
      );
      expect((await editor.post(`/api/newsletter-subscriptions/${id}/confirm`, { token })).status).toBe(204);
    }
    expect((await editor.get(`/api/newsletters/${limburg}/subscribers`)).data.counts).toEqual({
      unconfirmed: 1,
      confirmed: 3,
      unsubscribed: 0,
    });
  });

  it("refuses an address that is not one, and changes nothing", async () => {
    const before = await editor.get(`/api/newsletters/${limburg}/subscribers`);
    for (const email of ["geen adres", "a@b", "x@example.be\r\nBcc: y@example.be", ""]) {
      const refused = await editor.post(`/api/newsletters/${limburg}/subscribers`, { email });
      expect(refused.status, email).toBe(400);
      expect(refused.data.errors[0].field).toBe("body.email");
    }
    expect((await editor.get(`/api/newsletters/${limburg}/subscribers`)).data).toEqual(before.data);
  });

  it("is composed from the month, edited, sent once to each confirmed subscriber, with one-click unsubscribe", async () => {
    const project = await editor.post("/api/projects", {
      title: "Lokale ouderenzorgbeleidsplanning",
      goal: "Samen de lokale dossiers bestuderen.",
      status: "running",
      startsOn: "2026-01-05",
    });
    await editor.post(`/api/projects/${project.data.id}/updates`, {
      title: "Tweede ronde ter plaatse",
      body: "We bezochten **alle** deelnemers. <script>alert(1)</script>",
    });
    const month = new Date().toISOString().slice(0, 7);
    const draft = await editor.post(`/api/newsletters/${limburg}/issues`, { month });
    expect(draft.status).toBe(201);
    expect(draft.data.items.map((i: { title: string }) => i.title)).toContain("Tweede ronde ter plaatse");
    const edited = await editor.patch(
      `/api/newsletter-issues/${draft.data.id}`,
      {
        intro: "Een maand van **voortgang**.",
        items: [
          { kind: "text", title: "Woord vooraf", body: "Beste collega's,", url: null, sourceId: null },
          ...draft.data.items,
        ],
      },
      { "if-match": draft.headers.get("etag") ?? "" },
    );
    expect(edited.status).toBe(200);
    const preview = await editor.get(`/api/newsletter-issues/${draft.data.id}/preview`);
    expect(preview.data.html).toContain("<strong>alle</strong>");
    expect(preview.data.html).not.toContain("<script>");
    expect(preview.data.text).toContain("Woord vooraf");

    const before = smtp.received.length;
    const started = await editor.post(`/api/newsletter-issues/${draft.data.id}/send`);
    expect(started.status).toBe(202);
    expect(started.data.deliveries.pending).toBe(3);
    expect(await send()).toBe(3);
    expect(await send()).toBe(0);
    const sent = smtp.received.slice(before);
    expect(sent.map((m) => m.to[0]).sort()).toEqual([colleague.email.toLowerCase(), strangers[0], strangers[1]].sort());
    const issue = await editor.get(`/api/newsletter-issues/${draft.data.id}`);
    expect(issue.data).toMatchObject({ status: "sent", deliveries: { sent: 3, pending: 0, sending: 0 } });
    expect(
      (
        await editor.patch(
          `/api/newsletter-issues/${draft.data.id}`,
          { subject: "Later" },
          { "if-match": issue.headers.get("etag") ?? "" },
        )
      ).status,
    ).toBe(409);

    // Each copy carries its own one-click unsubscribe (RFC 8058), a visible link, an HTML and a text part.
    const raw = sent.find((m) => m.to[0] === strangers[0])?.raw ?? "";
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(raw).toContain("text/html");
    expect(raw).toContain("text/plain");
    const oneClick = /^List-Unsubscribe:\s*<([^>]+)>/m.exec(raw.replace(/\r\n\s+/g, " "))?.[1] ?? "";
    expect(oneClick).toContain("/api/newsletter-subscriptions/");
    expect(decodeQuotedPrintable(raw)).toContain("/nieuwsbrief/afmelden#s=");
    const click = await fetch(oneClick, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(click.status).toBe(204);
    expect(
      (
        await fetch(oneClick, {
          method: "POST",
          body: "List-Unsubscribe=One-Click",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        })
      ).status,
    ).toBe(204);
    expect((await editor.get(`/api/newsletters/${limburg}/subscribers`)).data.counts.unsubscribed).toBe(1);

    // The public archive: the issue without anyone's links, and a feed.
    const archive = await fetch(`${server.url}/api/newsletters/${limburg}/archive`).then((r) => r.json());
    expect(archive.items.map((i: { id: string }) => i.id)).toEqual([draft.data.id]);
    const archived = await fetch(`${server.url}/api/newsletter-archive/${draft.data.id}`).then((r) => r.json());
    expect(archived.html).toContain("Woord vooraf");
    expect(archived.html).not.toContain("afmelden#s=");
    const feed = await fetch(`${server.url}/api/newsletters/${limburg}/feed.atom`);
    expect(feed.headers.get("content-type")).toContain("application/atom+xml");
    expect(await feed.text()).toContain(`<title type="html"><![CDATA[${draft.data.subject}]]></title>`);
  });
});
