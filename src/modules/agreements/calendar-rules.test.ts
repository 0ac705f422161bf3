import { describe, expect, it } from "vitest";
import {
  builtInTemplates,
  type CalendarRule,
  checkRules,
  deadlinesBetween,
  deadlinesFor,
  toICalendar,
} from "./calendar-rules.ts";

const on = (deadlines: { ruleKey: string; dueOn: string }[]) =>
  Object.fromEntries(deadlines.map((d) => [d.ruleKey, d.dueOn]));

describe("the governance calendar's rules", () => {
  it("puts the Wgr cycle of budget year 2026 on the dates the law sets", () => {
    expect(on(deadlinesFor(builtInTemplates.wgr.rules, 2026))).toEqual({
      kaderbrief: "2025-04-30",
      ontwerpbegroting: "2025-04-08", // twelve weeks before the board's 1 July
      zienswijzen: "2025-07-01",
      "begroting-vastgesteld": "2025-07-01",
      "begroting-gs": "2025-07-15", // two weeks after adoption, within 15 September
      "voorlopige-jaarrekening": "2027-04-30",
      afrekening: "2027-05-31",
      "jaarrekening-vastgesteld": "2027-07-01",
      "jaarrekening-gs": "2027-07-15",
    });
  });

  it("caps a step at its latest date", () => {
    const rules = builtInTemplates.wgr.rules.map((r) =>
      r.key === "begroting-vastgesteld"
        ? { ...r, when: { kind: "date" as const, yearOffset: -1, month: 9, day: 10 } }
        : r,
    );
    expect(on(deadlinesFor(rules, 2026))["begroting-gs"]).toBe("2025-09-15");
  });

  it("gives every step of every built-in template a source", () => {
    for (const template of Object.values(builtInTemplates)) {
      expect(checkRules(template.rules)).toEqual([]);
      for (const rule of template.rules) expect(rule.source.citation.length).toBeGreaterThan(5);
    }
  });

  it("moves 29 February to the 28th in a common year", () => {
    const rule: CalendarRule = {
      ...(builtInTemplates.dlb.rules[0] as CalendarRule),
      when: { kind: "date", yearOffset: 0, month: 2, day: 29 },
    };
    expect(deadlinesFor([rule], 2027)[0]?.dueOn).toBe("2027-02-28");
    expect(deadlinesFor([rule], 2028)[0]?.dueOn).toBe("2028-02-29");
  });

  it("finds the steps that refer to nothing, or to each other", () => {
    const base = builtInTemplates.wgr.rules[0] as CalendarRule;
    const a: CalendarRule = { ...base, key: "a", when: { kind: "after", rule: "b", days: 1 } };
    const b: CalendarRule = { ...base, key: "b", when: { kind: "after", rule: "a", days: 1 } };
    expect(checkRules([a, b]).map((i) => i.field)).toEqual(["rules.0.when.rule", "rules.1.when.rule"]);
    expect(checkRules([a])).toEqual([
      { field: "rules.0.when.rule", message: "field.noSuchStep", params: { step: "b" } },
    ]);
    expect(checkRules([base, base])[0]?.field).toBe("rules.1.key");
    expect(checkRules([{ ...base, when: { kind: "date", yearOffset: 0, month: 4, day: 31 } }])[0]?.field).toBe(
      "rules.0.when.day",
    );
  });

  it("lists the deadlines in a period only for the budget years of the term", () => {
    const term = { startsOn: "2024-01-01", endsOn: "2025-12-31" };
    const years = new Set(
      deadlinesBetween(builtInTemplates.wgr.rules, term, "2023-01-01", "2030-12-31").map((d) => d.budgetYear),
    );
    expect([...years].sort()).toEqual([2024, 2025]);
  });
});

describe("the iCalendar feed", () => {
  it("escapes text and folds long lines at 75 octets without cutting a character", () => {
    const ics = toICalendar(
      "Samen: Emmen",
      [
        {
          uid: "x-kaderbrief-2026@samen",
          date: "2025-04-30",
          summary: "Raamovereenkomst; Emmen, Coevorden — kaderbrief naar de raden van de deelnemende gemeenten (ë)",
          description: "Regel 1\nBron: Wgr art. 34b",
          url: "https://samen.example/gedeelde-diensten/x",
        },
      ],
      new Date("2026-01-02T03:04:05Z"),
    );
    const lines = ics.split("\r\n");
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics).toContain("DTSTART;VALUE=DATE:20250430\r\nDTEND;VALUE=DATE:20250501");
    expect(ics).toContain("DTSTAMP:20260102T030405Z");
    const unfolded = ics.replace(/\r\n /g, "");
    expect(unfolded).toContain("SUMMARY:Raamovereenkomst\\; Emmen\\, Coevorden — kaderbrief");
    expect(unfolded).toContain("(ë)");
    expect(unfolded).toContain("DESCRIPTION:Regel 1\\nBron: Wgr art. 34b");
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });
});
