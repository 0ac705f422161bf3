import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ocdsValidator } from "../../../test/helpers/ocds.ts";
import { compile } from "./ocds.ts";

/**
 * A worked example of the standard, made whole: the documentation's examples are fragments that leave out
 * `initiationType`, which the schema requires of every release.
 */
function example(name: string) {
  const data = JSON.parse(readFileSync(new URL(`../../../data/ocds/${name}`, import.meta.url), "utf8"));
  for (const release of data.releases) release.initiationType ??= "tender";
  return data;
}

describe("Open Contracting data", () => {
  const validate = ocdsValidator();

  it("is checked by a validator that takes the standard's worked examples and refuses what breaks the schema", () => {
    for (const name of [
      "open_multiple_first_stage.json",
      "open_multiple_second_stage.json",
      "open_multiple_award.json",
      "open_multiple_supplier.json",
    ])
      expect(validate.releasePackage(example(name)), name).toEqual([]);
    const broken = example("open_multiple_award.json");
    delete broken.releases[0].ocid;
    broken.releases[0].awards[0].status = "won";
    broken.releases[0].date = "30 August 2020";
    const problems = validate.releasePackage(broken).join("\n");
    expect(problems).toContain("must have required property 'ocid'");
    expect(problems).toContain("/releases/0/awards/0/status");
    expect(problems).toContain("/releases/0/date must match format");
  });

  it("compiles releases by the standard's merge: objects by field, identified arrays by id, the rest replaced", () => {
    const compiled = compile([
      {
        ocid: "ocds-x-1",
        id: "b",
        date: "2026-02-01T00:00:00Z",
        tag: ["award"],
        awards: [
          { id: "1", status: "cancelled" },
          { id: "2", status: "active" },
        ],
        tender: { status: "complete" },
      },
      {
        ocid: "ocds-x-1",
        id: "a",
        date: "2026-01-01T00:00:00Z",
        tag: ["tender"],
        tender: { id: "t", status: "active", lots: [{ id: "1" }] },
        awards: [{ id: "1", status: "active", value: { amount: 1, currency: "EUR" } }],
        relatedProcesses: [{ id: "1", relationship: ["framework"] }],
      },
    ]);
    expect(compiled).toEqual({
      ocid: "ocds-x-1",
      id: "ocds-x-1-2026-02-01T00:00:00Z",
      date: "2026-02-01T00:00:00Z",
      tag: ["compiled"],
      tender: { id: "t", status: "complete", lots: [{ id: "1" }] },
      awards: [
        { id: "1", status: "cancelled", value: { amount: 1, currency: "EUR" } },
        { id: "2", status: "active" },
      ],
      relatedProcesses: [{ id: "1", relationship: ["framework"] }],
    });
  });
});
