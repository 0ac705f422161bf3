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
    expect(answered).toBeGreaterThan(40);
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
