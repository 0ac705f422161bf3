import type { Country } from "./vocabulary.ts";

/**
 * Working days for service levels: Monday to Friday, without the public holidays of the provider's country.
 * Belgium: the ten legal holidays (Royal Decree of 18 April 1974). The Netherlands: the general holidays of the
 * Algemene termijnenwet, with Liberation Day every year as most municipalities observe it. Dates are calendar
 * dates (YYYY-MM-DD) in the provider's own time zone.
 */

/** Easter Sunday of a year (anonymous Gregorian algorithm), as a UTC date. */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const iso = (date: Date) => date.toISOString().slice(0, 10);
const plusDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

const cache = new Map<string, Set<string>>();

/** The public holidays of a country in a year, as YYYY-MM-DD. */
export function publicHolidays(country: Country, year: number): Set<string> {
  const cacheKey = `${country}-${year}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const easter = easterSunday(year);
  const fixed = (month: number, day: number) =>
    `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  const moving = [1, 39, 50].map((offset) => iso(plusDays(easter, offset)));
  let days: string[];
  if (country === "BE") {
    days = [fixed(1, 1), fixed(5, 1), fixed(7, 21), fixed(8, 15), fixed(11, 1), fixed(11, 11), fixed(12, 25)];
  } else {
    // King's Day moves to the 26th when the 27th is a Sunday.
    const kingsDay = new Date(Date.UTC(year, 3, 27)).getUTCDay() === 0 ? fixed(4, 26) : fixed(4, 27);
    days = [fixed(1, 1), kingsDay, fixed(5, 5), fixed(12, 25), fixed(12, 26)];
  }
  const result = new Set([...days, ...moving]);
  cache.set(cacheKey, result);
  return result;
}

export function isWorkingDay(date: string, country: Country): boolean {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = day.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !publicHolidays(country, day.getUTCFullYear()).has(date);
}

/** The date `days` working days after `start` (the start day itself does not count). */
export function addWorkingDays(start: string, days: number, country: Country): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError("days must be a whole number, zero or more");
  let date = new Date(`${start}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    date = plusDays(date, 1);
    if (isWorkingDay(iso(date), country)) left--;
  }
  return iso(date);
}

/** A calendar date (YYYY-MM-DD) in each country's time zone; made once, as a date format is costly to make. */
const dayIn = (timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
const dayFormats: Record<Country, Intl.DateTimeFormat> = {
  BE: dayIn("Europe/Brussels"),
  NL: dayIn("Europe/Amsterdam"),
};

/** Today's calendar date in a country's time zone. */
export function todayIn(country: Country, now = new Date()): string {
  return dayFormats[country].format(now);
}
