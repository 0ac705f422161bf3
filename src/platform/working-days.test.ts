import { describe, expect, it } from "vitest";
import { addWorkingDays, easterSunday, isWorkingDay, publicHolidays, todayIn } from "./working-days.ts";

describe("working days", () => {
  it("finds Easter Sunday for known years", () => {
    expect(easterSunday(2024).toISOString().slice(0, 10)).toBe("2024-03-31");
    expect(easterSunday(2025).toISOString().slice(0, 10)).toBe("2025-04-20");
    expect(easterSunday(2026).toISOString().slice(0, 10)).toBe("2026-04-05");
    expect(easterSunday(2027).toISOString().slice(0, 10)).toBe("2027-03-28");
  });

  it("knows the ten Belgian legal holidays of 2026", () => {
    expect([...publicHolidays("BE", 2026)].sort()).toEqual([
      "2026-01-01",
      "2026-04-06",
      "2026-05-01",
      "2026-05-14",
      "2026-05-25",
      "2026-07-21",
      "2026-08-15",
      "2026-11-01",
      "2026-11-11",
      "2026-12-25",
    ]);
  });

  it("moves King's Day to the 26th when the 27th of April is a Sunday", () => {
    expect(publicHolidays("NL", 2025).has("2025-04-26")).toBe(true);
    expect(publicHolidays("NL", 2025).has("2025-04-27")).toBe(false);
    expect(publicHolidays("NL", 2026).has("2026-04-27")).toBe(true);
  });

  it("skips weekends and holidays of the provider's country", () => {
    // Friday 10 July 2026 + 5 working days in Belgium skips the weekend and 21 July is later: Friday 17 July.
    expect(addWorkingDays("2026-07-10", 5, "BE")).toBe("2026-07-17");
    // Monday 20 July + 2 in Belgium skips the national day (Tuesday 21 July): Wednesday 22 is 1, Thursday 23 is 2.
    expect(addWorkingDays("2026-07-20", 2, "BE")).toBe("2026-07-23");
    // The same in the Netherlands, where 21 July is an ordinary Tuesday.
    expect(addWorkingDays("2026-07-20", 2, "NL")).toBe("2026-07-22");
    // Over Christmas: Thursday 24 December 2026 + 1 is Monday 28 in both (25 Friday; 26 is a Saturday).
    expect(addWorkingDays("2026-12-24", 1, "BE")).toBe("2026-12-28");
    expect(addWorkingDays("2026-12-24", 1, "NL")).toBe("2026-12-28");
    expect(isWorkingDay("2026-11-11", "BE")).toBe(false);
    expect(isWorkingDay("2026-11-11", "NL")).toBe(true);
  });

  it("refuses a negative or fractional number of days", () => {
    expect(() => addWorkingDays("2026-01-05", -1, "BE")).toThrow(RangeError);
    expect(() => addWorkingDays("2026-01-05", 1.5, "BE")).toThrow(RangeError);
    expect(addWorkingDays("2026-01-05", 0, "BE")).toBe("2026-01-05");
  });

  it("reads today's date in the provider's time zone", () => {
    // 23:30 UTC on 31 December is already New Year in Brussels and Amsterdam.
    expect(todayIn("BE", new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(todayIn("NL", new Date("2026-12-31T22:30:00Z"))).toBe("2026-12-31");
  });
});
