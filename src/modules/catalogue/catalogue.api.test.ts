import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisationId, signedInClient, withDemoCatalogue } from "../../../test/factories.ts";
import { Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";

let server: TestServer;
let limburg: string;
let coordinator: Client;
let genk: Client;
let genkViewer: Client;
let emmen: Client;

beforeAll(async () => {
  server = await startTestServer();
  limburg = await withDemoCatalogue(server.database);
  ({ client: coordinator } = await signedInClient(server.url, server.database, {
    organisationKey: "be-province-70000",
    role: "editor",
  }));
  ({ client: genk } = await signedInClient(server.url, server.database, {
    organisationKey: "be-municipality-71016",
    role: "editor",
  }));
  ({ client: genkViewer } = await signedInClient(server.url, server.database, {
    organisationKey: "be-municipality-71016",
    role: "viewer",
  }));
  ({ client: emmen } = await signedInClient(server.url, server.database, {
    organisationKey: "nl-municipality-GM0114",
    role: "admin",
  }));
});
afterAll(() => server.close());

type Item = { key: string; question: string; highlight: { question: string; excerpt: string } | null };
const keys = (data: { items: Item[] }) => data.items.map((i) => i.key);
const search = (client: Client, q: string, extra = "") =>
  client.get(`/api/catalogues/${limburg}/entries?q=${encodeURIComponent(q)}&limit=10${extra}`);

describe("a municipality reading its province's partner catalogue", () => {
  it("sees the 59 published questions of Provincie Limburg, by theme", async () => {
    const { status, data } = await genk.get(`/api/catalogues/${limburg}`);
    expect(status).toBe(200);
    expect(data.published).toBe(59);
    expect(data.provider.name).toBe("Provincie Limburg");
    expect(data.themes.map((t: { name: string }) => t.name)).toContain("Ouderenzorg");
    expect(data.themes.reduce((n: number, t: { count: number }) => n + t.count, 0)).toBe(59);
    expect(data.abilities).toMatchObject({ read: true, ask: true, manage: false, readDesk: false });
    const viewer = await genkViewer.get(`/api/catalogues/${limburg}`);
    expect(viewer.data.abilities).toMatchObject({ read: true, ask: false });
    const list = await genk.get("/api/catalogues");
    expect(list.data.items.map((c: { provider: { id: string } }) => c.provider.id)).toContain(limburg);
  });

  it("pages through the catalogue by theme without a search", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const { data }: { data: { items: Item[]; nextCursor: string | null } } = await genk.get(
        `/api/catalogues/${limburg}/entries?limit=25${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...keys(data));
      cursor = data.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(59);
    expect(new Set(seen).size).toBe(59);
  });

  it("finds the right entry first for 'ouderenzorg plan' and 'energie aankoop', misspelt too", async () => {
    for (const q of ["ouderenzorg plan", "ouderzorg plan", "ouderenzorg plann"]) {
      expect(keys((await search(genk, q)).data)[0], q).toBe("ouderenzorgbeleidsplan");
    }
    for (const q of ["energie aankoop", "enrgie aankop", "energie aankopen", "energy aankoop"]) {
      expect(keys((await search(genk, q)).data)[0], q).toBe("energie-aankoop");
    }
  });

  it("marks the matches in the question and the answer's excerpt with control characters, not markup", async () => {
    const { data } = await search(genk, "energie aankoop");
    const first = data.items[0] as Item;
    expect(first.highlight?.question).toContain("\u0001energie\u0002");
    const excerpt = first.highlight?.excerpt ?? "";
    expect(excerpt.indexOf("\u0002")).toBeGreaterThan(excerpt.indexOf("\u0001") + 1);
    expect(first.highlight?.excerpt).not.toContain("**");
    expect(JSON.stringify(data)).not.toContain("<b>");
  });

  it("applies the coordinators' synonyms both ways: OCMW and sociaal huis, subsidie and toelage", async () => {
    expect(keys((await search(genk, "ocmw onthaal")).data).slice(0, 3)).toContain("sociaal-huis");
    expect(keys((await search(genk, "sociaal huis")).data)[0]).toBe("sociaal-huis");
    expect(keys((await search(genk, "toelage fietspad")).data)[0]).toBe("fietspaden");
    expect(keys((await search(genk, "subsidie erfgoed")).data).slice(0, 3)).toContain("klein-erfgoed");
  });

  it("filters a search by theme and by policy domain (with its subdomains)", async () => {
    const byTheme = await search(genk, "plan", "&theme=Ouderenzorg");
    expect(byTheme.data.items.length).toBeGreaterThan(0);
    for (const item of byTheme.data.items) expect(item.theme).toBe("Ouderenzorg");
    const byDomain = await genk.get(`/api/catalogues/${limburg}/entries?domain=bbc:9&limit=100`);
    const domainKeys = keys(byDomain.data);
    expect(domainKeys).toContain("ouderenzorgbeleidsplan");
    expect(domainKeys).toContain("armoedeplan");
    expect(domainKeys).not.toContain("energie-aankoop");
  });

  it("is not visible to an organisation the province does not serve, until the province makes it public", async () => {
    const anonymous = new Client(server.url);
    expect((await emmen.get(`/api/catalogues/${limburg}`)).status).toBe(404);
    expect((await search(emmen, "energie")).status).toBe(404);
    expect((await anonymous.get(`/api/catalogues/${limburg}/entries?q=energie`)).status).toBe(404);
    const settings = await coordinator.get(`/api/catalogues/${limburg}`);
    const made = await coordinator.patch(
      `/api/catalogues/${limburg}`,
      { visibility: "public" },
      {
        "if-match": settings.headers.get("etag") as string,
      },
    );
    expect(made.status).toBe(200);
    expect((await search(emmen, "energie aankoop")).data.items[0].key).toBe("energie-aankoop");
    const open = await anonymous.get(`/api/catalogues/${limburg}/entries?q=energie%20aankoop`);
    expect(open.status).toBe(200);
    expect(open.data.items[0].key).toBe("energie-aankoop");
    expect((await emmen.get(`/api/catalogues/${limburg}`)).data.abilities.ask).toBe(true);
    const back = await coordinator.patch(
      `/api/catalogues/${limburg}`,
      { visibility: "clients" },
      {
        "if-match": made.headers.get("etag") as string,
      },
    );
    expect(back.status).toBe(200);
    expect((await emmen.get(`/api/catalogues/${limburg}`)).status).toBe(404);
    const stale = await coordinator.patch(
      `/api/catalogues/${limburg}`,
      { serviceLevelDays: 3 },
      {
        "if-match": made.headers.get("etag") as string,
      },
    );
    expect(stale.status).toBe(412);
    expect((await coordinator.get(`/api/catalogues/${limburg}`)).data.serviceLevelDays).toBe(5);
  });
});

describe("a public catalogue read by many", () => {
  it("limits signed-out readers per address, and not signed-in ones", async () => {
    const settings = await coordinator.get(`/api/catalogues/${limburg}`);
    const made = await coordinator.patch(
      `/api/catalogues/${limburg}`,
      { visibility: "public" },
      {
        "if-match": settings.headers.get("etag") as string,
      },
    );
    const anonymous = new Client(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 125; i++) statuses.push((await anonymous.get(`/api/catalogues/${limburg}`)).status);
    // 120 a minute per address (a few went to earlier tests of this file from the same address).
    expect(statuses[0]).toBe(200);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(110);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(120);
    const refused = await anonymous.get(`/api/catalogues/${limburg}`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    for (let i = 0; i < 125; i++) expect((await genk.get(`/api/catalogues/${limburg}`)).status).toBe(200);
    await coordinator.patch(
      `/api/catalogues/${limburg}`,
      { visibility: "clients" },
      {
        "if-match": made.headers.get("etag") as string,
      },
    );
  });
});

describe("a coordinator keeping the catalogue", () => {
  it("writes a draft that clients do not see, publishes it, and the history shows every change", async () => {
    const created = await coordinator.post(`/api/catalogues/${limburg}/entries`, {
      question: "Hoe organiseren we een repaircafé?",
      answer: "Wij leveren een draaiboek en verzekering voor vrijwilligers.",
      theme: "Welzijn",
      tags: ["repaircafé", "herstellen"],
      domainIds: ["bbc:090"],
      relatedKeys: ["eenzaamheid"],
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ status: "draft", version: 1, key: "hoe-organiseren-we-een-repaircafe" });
    expect(created.data.related.map((r: { key: string }) => r.key)).toEqual(["eenzaamheid"]);
    const id = created.data.id;
    expect((await genk.get(`/api/catalogue-entries/${id}`)).status).toBe(404);
    expect(keys((await search(genk, "repaircafé")).data)).not.toContain(created.data.key);
    expect(keys((await search(coordinator, "repaircafé", "&status=draft")).data)).toEqual([created.data.key]);

    const published = await coordinator.patch(
      `/api/catalogue-entries/${id}`,
      { status: "published", answer: "Wij leveren een draaiboek, gereedschap en een verzekering voor vrijwilligers." },
      { "if-match": created.headers.get("etag") as string },
    );
    expect(published.status).toBe(200);
    expect(published.data).toMatchObject({ status: "published", version: 2 });
    expect(keys((await search(genk, "repair cafe")).data)[0]).toBe(created.data.key);
    // The same search as before the change finds it too: results kept in memory follow the catalogue's changes.
    expect(keys((await search(genk, "repaircafé")).data)).toContain(created.data.key);
    expect((await genk.get(`/api/catalogue-entries/${id}`)).data.abilities).toMatchObject({ update: false });

    const history = await coordinator.get(`/api/catalogue-entries/${id}/revisions`);
    expect(history.status).toBe(200);
    const [latest, first] = history.data.items;
    expect(latest.version).toBe(2);
    const answer = latest.changes.find((c: { field: string }) => c.field === "answer");
    expect(answer.parts).toContainEqual({ kind: "added", text: expect.stringContaining("gereedschap") });
    expect(latest.changes.find((c: { field: string }) => c.field === "status").parts).toEqual([
      { kind: "removed", text: "draft" },
      { kind: "added", text: "published" },
    ]);
    expect(first.changes.map((c: { field: string }) => c.field)).toContain("question");
    expect((await genk.get(`/api/catalogue-entries/${id}/revisions`)).status).toBe(403);
    expect((await emmen.get(`/api/catalogue-entries/${id}/revisions`)).status).toBe(404);

    // A second coordinator who read version 1 is told, and the saved text stays.
    const stale = await coordinator.patch(
      `/api/catalogue-entries/${id}`,
      { answer: "Oude tekst" },
      { "if-match": created.headers.get("etag") as string },
    );
    expect(stale.status).toBe(412);
    expect((await genk.get(`/api/catalogue-entries/${id}`)).data.answer).toContain("gereedschap");
  });

  it("refuses bad entries with the field at fault and writes nothing", async () => {
    const before = (await coordinator.get(`/api/catalogues/${limburg}`)).data;
    const cases: [unknown, string][] = [
      [{ question: "", theme: "Welzijn" }, "question"],
      [{ question: "Vraag?", theme: "Welzijn", domainIds: ["bbc:nope"] }, "domainIds"],
      [{ question: "Vraag?", theme: "Welzijn", relatedKeys: ["bestaat-niet"] }, "relatedKeys"],
      [{ question: "Vraag?", theme: "Welzijn", status: "gepland" }, "status"],
      [{ question: "Vraag\u0007?", theme: "Welzijn" }, "question"],
      [{ question: "Vraag?", theme: "Welzijn", key: "Hoofdletters En Spaties" }, "key"],
      [{ question: "Vraag?", theme: "Welzijn", key: "energie-aankoop" }, "key"],
    ];
    for (const [body, field] of cases) {
      const { status, data } = await coordinator.post(`/api/catalogues/${limburg}/entries`, body);
      expect([400, 409], JSON.stringify(body)).toContain(status);
      expect(data.errors.map((e: { field: string }) => e.field).join(" "), JSON.stringify(body)).toContain(field);
    }
    const refused = await genk.post(`/api/catalogues/${limburg}/entries`, { question: "Vraag?", theme: "Welzijn" });
    expect(refused.status).toBe(403);
    const after = (await coordinator.get(`/api/catalogues/${limburg}`)).data;
    expect(after.themes).toEqual(before.themes);
  });

  it("keeps searches that found nothing, the longest of someone typing, and answers them with a synonym", async () => {
    for (const q of ["xylo", "xylof", "xylofoon"]) expect((await search(genk, q)).data.items).toEqual([]);
    const misses = await coordinator.get(`/api/catalogues/${limburg}/misses`);
    expect(misses.status).toBe(200);
    const queries = misses.data.items.map((m: { query: string }) => m.query);
    expect(queries).toContain("xylofoon");
    expect(queries).not.toContain("xylof");
    expect((await genk.get(`/api/catalogues/${limburg}/misses`)).status).toBe(403);

    expect(misses.data.items.find((m: { query: string }) => m.query === "xylofoon")).toMatchObject({
      ticket: null,
      entry: null,
      proposal: [],
    });

    // The search led to a question at the front office, answered with a new entry: both are shown with the search,
    // and the search is proposed as a synonym of what the entry is about.
    const ticket = await genk.post("/api/tickets", {
      providerId: limburg,
      subject: "Xylofoon voor de muziekacademie",
      question: "Kunnen we een xylofoon lenen voor de muziekacademie?",
      urgency: "normal",
    });
    expect(ticket.status).toBe(201);
    const answer = { kind: "answer", body: "Ja, via de uitleendienst van de provincie." };
    expect((await coordinator.post(`/api/tickets/${ticket.data.id}/messages`, answer)).status).toBe(201);
    const made = await coordinator.post(`/api/tickets/${ticket.data.id}/catalogue-entry`);
    expect(made.status).toBe(201);
    const missed = async () =>
      (await coordinator.get(`/api/catalogues/${limburg}/misses`)).data.items.find(
        (m: { query: string }) => m.query === "xylofoon",
      );
    // The entry holds the search itself: once published it is found, no synonym needed.
    expect(await missed()).toMatchObject({
      ticket: { id: ticket.data.id, subject: "Xylofoon voor de muziekacademie" },
      entry: { id: made.data.id },
      proposal: [],
    });
    // Written in other words, the entry is what the search is proposed as a synonym of.
    const entry = await coordinator.get(`/api/catalogue-entries/${made.data.id}`);
    const reworded = await coordinator.patch(
      `/api/catalogue-entries/${made.data.id}`,
      { question: "Kunnen we muziekinstrumenten lenen voor de muziekacademie?", tags: ["muziekinstrumenten"] },
      { "if-match": entry.headers.get("etag") as string },
    );
    expect(reworded.status).toBe(200);
    expect((await missed()).proposal).toEqual(["xylofoon", "muziekinstrumenten"]);

    const added = await coordinator.post(`/api/catalogues/${limburg}/synonyms`, { terms: ["xylofoon", "Cyberaanval"] });
    expect(added.status).toBe(201);
    expect(added.data.terms).toEqual(["xylofoon", "cyberaanval"]);
    expect(keys((await search(genk, "xylofoon")).data)[0]).toBe("cyberaanval");
    const one = await coordinator.post(`/api/catalogues/${limburg}/synonyms`, { terms: ["alleen"] });
    expect(one.status).toBe(400);
    expect(one.data.errors[0].field).toBe("body.terms");
    expect((await genk.post(`/api/catalogues/${limburg}/synonyms`, { terms: ["a", "b"] })).status).toBe(403);

    const dismissed = await coordinator.delete(`/api/catalogues/${limburg}/misses?query=xylofoon`);
    expect(dismissed.status).toBe(204);
    const removed = await coordinator.delete(`/api/catalogues/${limburg}/synonyms/${added.data.id}`);
    expect(removed.status).toBe(204);
    expect((await search(genk, "xylofoon")).data.items).toEqual([]);
  });
});

describe("moving a catalogue between installations", () => {
  it("exports JSON with synonyms and CSV, and imports the JSON into another provider's catalogue", async () => {
    const json = await coordinator.request("GET", `/api/catalogues/${limburg}/export?format=json`);
    expect(json.status).toBe(200);
    expect(json.data.format).toBe("samen-catalogue/1");
    expect(json.data.entries.length).toBeGreaterThanOrEqual(60);
    expect(json.data.synonyms).toContainEqual(["ocmw", "sociaal huis"]);
    const csv = await coordinator.request("GET", `/api/catalogues/${limburg}/export?format=csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(String(csv.data).split("\r\n")[0]).toBe(
      "key,question,answer,theme,status,service,conditions,price,contact,tags,synonyms,relatedKeys,domainIds",
    );
    expect((await genk.get(`/api/catalogues/${limburg}/export`)).status).toBe(403);
    expect((await emmen.get(`/api/catalogues/${limburg}/export`)).status).toBe(404);

    const emmenId = await organisationId(server.database, "nl-municipality-GM0114");
    const file = JSON.stringify(json.data);
    const dry = await emmen.request("POST", `/api/catalogues/${emmenId}/import?dryRun=true`, {
      body: file,
      headers: { "content-type": "application/json" },
    });
    expect(dry.status).toBe(200);
    expect(dry.data).toMatchObject({ dryRun: true, created: 0, problems: [] });
    const imported = await emmen.request("POST", `/api/catalogues/${emmenId}/import`, {
      body: file,
      headers: { "content-type": "application/json" },
    });
    expect(imported.status).toBe(200);
    expect(imported.data).toMatchObject({ created: json.data.entries.length, updated: 0, problems: [] });
    expect(imported.data.synonyms).toBe(json.data.synonyms.length);
    const found = await emmen.get(`/api/catalogues/${emmenId}/entries?q=energie%20aankoop`);
    expect(found.data.items[0].key).toBe("energie-aankoop");
    const again = await emmen.request("POST", `/api/catalogues/${emmenId}/import`, {
      body: file,
      headers: { "content-type": "application/json" },
    });
    expect(again.data).toMatchObject({ created: 0, updated: json.data.entries.length, synonyms: 0 });
  });

  it("refuses a CSV with bad rows whole, naming each line and field", async () => {
    const emmenId = await organisationId(server.database, "nl-municipality-GM0114");
    const before = (await emmen.get(`/api/catalogues/${emmenId}`)).data.themes;
    const csv = [
      "key,question,theme,status,tags,relatedKeys",
      "nieuwe-vraag,Een goede vraag?,Welzijn,published,a|b,",
      "Slechte Sleutel,Vraag?,Welzijn,draft,,",
      "zonder-vraag,,Welzijn,draft,,",
      "verwijst,Vraag?,Welzijn,draft,,bestaat-nergens",
      "nieuwe-vraag,Dubbel?,Welzijn,draft,,",
    ].join("\r\n");
    const { status, data } = await emmen.request("POST", `/api/catalogues/${emmenId}/import`, {
      body: csv,
      headers: { "content-type": "text/csv" },
    });
    expect(status).toBe(422);
    const fields = data.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(["line 3: key", "line 4: question", "line 5: relatedKeys", "line 6: key"]),
    );
    expect((await emmen.get(`/api/catalogues/${emmenId}`)).data.themes).toEqual(before);
    const header = await emmen.request("POST", `/api/catalogues/${emmenId}/import`, {
      body: "vraag,antwoord\r\nx,y\r\n",
      headers: { "content-type": "text/csv" },
    });
    expect(header.status).toBe(422);
    expect(header.data.errors[0].field).toBe("line 1: header");
  });
});

describe("what a search reads into a query", () => {
  it("says why a result matched: marks in tags, theme and offer too", async () => {
    const { data } = await search(genk, "zorgplan");
    const first = data.items.find((i: Item) => i.key === "ouderenzorgbeleidsplan");
    expect(first.highlight.tags).toContain("\u0001zorgplan\u0002");
    const byTheme = (await search(genk, "ouderenzorg")).data.items[0];
    expect(byTheme.highlight.theme).toBe("\u0001Ouderenzorg\u0002");
    const byOffer = (await search(genk, "partnerproject ouderenzorgbeleidsplanning")).data.items[0];
    expect(byOffer.highlight.offer).toContain("\u0001partnerproject\u0002");
  });

  it("keeps every word, 'null' too, and finds nothing for punctuation alone", async () => {
    const created = await coordinator.post(`/api/catalogues/${limburg}/entries`, {
      question: "Wat betekent null in een export van de boekhouding?",
      answer: "Een leeg veld.",
      theme: "Financiën",
      status: "published",
    });
    expect(created.status).toBe(201);
    expect(keys((await search(genk, "null")).data)[0]).toBe(created.data.key);
    for (const q of ["?!", "…", "--- ***", "de het een"]) {
      const { status, data } = await search(genk, q);
      expect(status, q).toBe(200);
      expect(data.items, q).toEqual([]);
    }
  });

  it("weighs the rare words of a long question above the common ones, however far they come", async () => {
    const q =
      "wij zijn een gemeente en we moeten als gemeente samen met de provincie voor onze gemeente nagaan hoe we het best een woonzorgzone uitbouwen";
    expect(keys((await search(genk, q)).data)[0]).toBe("woonzorgzone");
  });

  it("splits compounds, corrects only words that are not Dutch, and reads ei as ij", async () => {
    expect(keys((await search(genk, "energieaankoopcentrale")).data).slice(0, 3)).toContain("energie-aankoop");
    expect(keys((await search(genk, "ouderenzorgbeleidsplannen")).data)[0]).toBe("ouderenzorgbeleidsplan");
    expect(keys((await search(genk, "samenvoegen")).data)).toEqual(["fusie"]);
    expect(keys((await search(genk, "speelplijn")).data).length).toBe(
      keys((await search(genk, "speelplein")).data).length,
    );
  });
});

describe("markup in questions and answers", () => {
  it("is stored and returned as the text that was typed, and highlights never add markup", async () => {
    const question = `Wat met <script>alert("x")</script> en <img src=x onerror=alert(1)>?`;
    const created = await coordinator.post(`/api/catalogues/${limburg}/entries`, {
      question,
      answer: `<b onmouseover="alert(1)">vet</b> [klik](javascript:alert(1))`,
      theme: "Welzijn",
      status: "published",
    });
    expect(created.status).toBe(201);
    const read = await genk.get(`/api/catalogue-entries/${created.data.id}`);
    expect(read.data.question).toBe(question);
    expect(read.data.answer).toBe(`<b onmouseover="alert(1)">vet</b> [klik](javascript:alert(1))`);
    const found = await search(genk, "script alert");
    const item = found.data.items.find((i: Item) => i.key === created.data.key);
    expect(item.highlight.question.replaceAll("\u0001", "").replaceAll("\u0002", "")).toBe(question);
  });
});
