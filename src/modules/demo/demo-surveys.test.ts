import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/helpers/server.ts";
import { loadDemoSurveys } from "./demo-surveys.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("the demo's Smart City survey", () => {
  it("holds answers that differ between cities and small municipalities, and loads once", async () => {
    const answered = await server.database.db.transaction((tx) => loadDemoSurveys(tx));
    expect(answered).toBeGreaterThan(80);
    expect(await server.database.db.transaction((tx) => loadDemoSurveys(tx))).toBe(0);
    const { client } = await signedInClient(server.url, server.database, {
      organisationKey: "be-province-70000",
      role: "viewer",
    });
    const [survey] = (await client.get("/api/surveys")).data.items;
    const { data } = await client.get(`/api/surveys/${survey.id}/results?split=sizeClass`);
    const wanneer = data.questions.find((q: { name: string }) => q.name === "wanneer");
    const share = (segment: string, value: string) => {
      const s = wanneer.bySegment.find((b: { segment: string }) => b.segment === segment);
      return (s.rows[0].counts[value] ?? 0) / s.answered;
    };
    // Shown for every size class (each has five answers or more), and the largest step in sooner.
    expect(data.segments.map((s: { suppressed: boolean }) => s.suppressed)).toEqual([false, false, false]);
    expect(share("2", "dit_jaar")).toBeGreaterThan(share("0", "dit_jaar") + 0.2);
    // Last year's wave beside this year's: the same questions, cities stepping in sooner now than then.
    const trends = await client.get(`/api/surveys/${survey.id}/trends`);
    expect(trends.data.waves.map((w: { wave: string }) => w.wave)).toEqual(["2025", "2026"]);
    const trend = trends.data.questions.find((q: { name: string }) => q.name === "wanneer");
    const thisYear = (i: number) => trend.byWave[i].counts.dit_jaar / trend.byWave[i].answered;
    expect(thisYear(1)).toBeGreaterThan(thisYear(0));

    // A small municipality that answered sees itself beside comparable ones.
    const [small] = (await server.database.raw(
      `select o.key from survey_responses r join organisations o on o.id = r.organisation_id
        where r.survey_id = $1 and r.status = 'submitted' and r.segment_kind = 'municipality' and r.segment_size_class = 0
        order by o.key limit 1`,
      [survey.id],
    )) as { key: string }[];
    const official = await signedInClient(server.url, server.database, { organisationKey: small?.key, role: "viewer" });
    const benchmark = await official.client.get(`/api/surveys/${survey.id}/benchmark`);
    expect(benchmark.data.peers).toMatchObject({ kind: "municipality", sizeClass: 0, shown: true });
    expect(benchmark.data.peers.count).toBeGreaterThanOrEqual(5);
    const when = benchmark.data.questions.find((q: { name: string }) => q.name === "wanneer");
    expect(when.choices.filter((c: { own: boolean }) => c.own)).toHaveLength(1);
    expect((await official.client.get(`/api/surveys/${survey.id}/results`)).status).toBe(403);

    const hasselt = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    expect((await hasselt.client.get(`/api/surveys/${survey.id}/response`)).data).toMatchObject({
      version: 0,
      status: "draft",
    });
  });
});
