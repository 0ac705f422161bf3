import type { CalendarRule } from "../../platform/db/schema.ts";
import type { CollaborationForm } from "../../platform/vocabulary.ts";
import { builtInTemplates, type Deadline, deadlinesBetween, dlbUrl } from "../agreements/calendar-rules.ts";

/**
 * The council's own deadlines in a collaboration it is a member of, by the collaboration's legal form, when no shared
 * services framework with its own calendar covers it. The Dutch forms with a budget of their own follow the Wgr
 * (the councils' views on the draft budget, art. 35); the Flemish dienstverlenende and opdrachthoudende
 * verenigingen hold a general meeting at least twice a year, for which each council sets its representative's
 * mandate (Decreet over het lokaal bestuur, art. 432–434). Where the law leaves the date to the statutes, the rule
 * says so and carries a default. Pure: no I/O.
 */
const wgrCouncilRules = builtInTemplates.wgr.rules;

const dlbGeneralMeetings: CalendarRule[] = [
  {
    key: "mandaat-av-jaarrekening",
    title: {
      nl: "Gemeenteraad bepaalt het mandaat voor de algemene vergadering over de jaarrekening",
      en: "The council sets the mandate for the general meeting on the accounts",
    },
    actor: "councils",
    when: { kind: "date", yearOffset: 0, month: 6, day: 15 },
    source: {
      setBy: "agreement",
      citation:
        "Decreet lokaal bestuur, art. 432–434 (algemene vergadering in de eerste jaarhelft; de datum bepalen de statuten)",
      url: dlbUrl,
    },
    remindDaysBefore: [28, 7],
  },
  {
    key: "mandaat-av-begroting",
    title: {
      nl: "Gemeenteraad bepaalt het mandaat voor de algemene vergadering over de begroting",
      en: "The council sets the mandate for the general meeting on the budget",
    },
    actor: "councils",
    when: { kind: "date", yearOffset: -1, month: 12, day: 1 },
    source: {
      setBy: "agreement",
      citation:
        "Decreet lokaal bestuur, art. 432–434 (algemene vergadering in de tweede jaarhelft; de datum bepalen de statuten)",
      url: dlbUrl,
    },
    remindDaysBefore: [28, 7],
  },
];

const rulesByForm: Partial<Record<CollaborationForm, CalendarRule[]>> = {
  openbaar_lichaam: wgrCouncilRules,
  bedrijfsvoeringsorganisatie: wgrCouncilRules,
  gemeenschappelijke_regeling: wgrCouncilRules,
  dienstverlenende_vereniging: dlbGeneralMeetings,
  opdrachthoudende_vereniging: dlbGeneralMeetings,
  opdrachthoudende_vereniging_private: dlbGeneralMeetings,
};

/** The calendar rules of a form; none for forms without a legal cycle of their own. */
export const councilRulesFor = (form: CollaborationForm): CalendarRule[] => rulesByForm[form] ?? [];

/** Of a set of rules, the council's deadlines between two dates (other rules still set the dates they follow). */
export const councilDeadlines = (rules: readonly CalendarRule[], from: string, to: string): Deadline[] =>
  deadlinesBetween(rules, { startsOn: `${Number(from.slice(0, 4)) - 2}-01-01`, endsOn: null }, from, to).filter(
    (d) => d.actor === "councils",
  );
