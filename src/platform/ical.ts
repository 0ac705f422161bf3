import ical, { ICalCalendarMethod, ICalEventTransparency } from "ical-generator";

/**
 * iCalendar (RFC 5545) feeds for calendar apps, made with `ical-generator`: text escaped, long lines folded, one
 * product id. An event is a whole day (a deadline) or a span of time (a deployment on site).
 */
interface EventBase {
  uid: string;
  summary: string;
  description: string;
  url?: string;
  location?: string;
}
export type CalendarEvent = EventBase & ({ date: string } | { start: Date; end: Date });

const nextDay = (isoDay: string) => {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d;
};

export function toICalendar(name: string, events: readonly CalendarEvent[], now: Date = new Date()): string {
  const calendar = ical({
    name,
    prodId: { company: "Samen", product: "Samen", language: "NL" },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const e of events) {
    const common = {
      id: e.uid,
      stamp: now,
      summary: e.summary,
      description: e.description,
      ...(e.url ? { url: e.url } : {}),
      ...(e.location ? { location: e.location } : {}),
    };
    if ("date" in e)
      calendar.createEvent({
        ...common,
        start: new Date(`${e.date}T00:00:00Z`),
        end: nextDay(e.date),
        allDay: true,
        transparency: ICalEventTransparency.TRANSPARENT,
      });
    else calendar.createEvent({ ...common, start: e.start, end: e.end, transparency: ICalEventTransparency.OPAQUE });
  }
  // Every content line ends with CRLF, the last one too (RFC 5545, 3.1).
  const text = calendar.toString();
  return text.endsWith("\r\n") ? text : `${text}\r\n`;
}

/** The wall-clock format of each time zone used, made once: a date format is costly to make. */
const wallClocks = new Map<string, Intl.DateTimeFormat>();
function wallClockIn(zone: string): Intl.DateTimeFormat {
  let format = wallClocks.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    wallClocks.set(zone, format);
  }
  return format;
}

/**
 * The instant of a wall-clock time on a day in a time zone (a deployment from 09:00 in Hasselt): the zone's offset
 * that day, summer time included, taken from the platform's time zone data.
 */
export function zonedInstant(isoDay: string, time: string, zone = "Europe/Brussels"): Date {
  const guess = new Date(`${isoDay}T${time}:00Z`);
  const parts = wallClockIn(zone).formatToParts(guess);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asLocal = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"));
  return new Date(guess.getTime() - (asLocal - guess.getTime()));
}
