/**
 * The governance calendar of a framework agreement: the yearly cycle (framework letter, draft budget, the councils'
 * reactions, budget, accounts, settlement) as rules, each with its legal source. Pure: no I/O. The built-in templates
 * follow the law where it sets a date; where it leaves the date to the parties the rule says so and carries a
 * default, which a host changes in its own copy of the template. See docs/decisions/0010-governance-calendar.md.
 */

import type { CalendarRule, CalendarWhen } from "../../platform/db/schema.ts";
import type { FieldError } from "../../platform/errors.ts";
import { type CalendarEvent, toICalendar } from "../../platform/ical.ts";
import type { LegalRegime } from "../../platform/vocabulary.ts";

export type { CalendarRule };

export interface BuiltInTemplate {
  key: string;
  name: string;
  legalRegime: LegalRegime;
  /** What the template covers and what to check against one's own agreement, in Dutch and English. */
  note: { nl: string; en: string };
  rules: CalendarRule[];
}

export const wgrUrl = "https://wetten.overheid.nl/BWBR0003740/2022-07-01";
const dlb = null;
export const dlbUrl = "https://codex.vlaanderen.be/PrintDocument.ashx?id=1029301&datum=&geannoteerd";
const onDate = (yearOffset: number, month: number, day: number): CalendarWhen => ({
  kind: "date",
  yearOffset,
  month,
  day,
});

export const builtInTemplates: Record<LegalRegime, BuiltInTemplate> = {
  wgr: {
    key: "nl-wgr-2022",
    name: "Wet gemeenschappelijke regelingen (zoals gewijzigd per 1 juli 2022)",
    legalRegime: "wgr",
    note: {
      nl: "De begrotingscyclus van een openbaar lichaam of bedrijfsvoeringsorganisatie (Wgr art. 34, 34b en 35, zoals gewijzigd bij Stb. 2022, 18, in werking sinds 1 juli 2022). Een regeling waarin één gemeente diensten verleent aan de andere (art. 8 lid 4) legt haar eigen cyclus vast; de meeste volgen deze data. Data die de wet openlaat, zijn een standaard: pas ze aan in een eigen kopie.",
      en: "The budget cycle of an openbaar lichaam or bedrijfsvoeringsorganisatie (Wgr art. 34, 34b and 35 as amended by Stb. 2022, 18, in force since 1 July 2022). An arrangement in which one municipality serves the others (art. 8(4)) sets its own cycle in the regulation; most follow these dates. Dates the law leaves open are a default: change them in your own copy.",
    },
    rules: [
      {
        key: "kaderbrief",
        title: {
          nl: "Algemene financiële en beleidsmatige kaders (kaderbrief) naar de raden",
          en: "General financial and policy framework (framework letter) to the councils",
        },
        actor: "host",
        when: onDate(-1, 4, 30),
        source: { setBy: "law", citation: "Wgr art. 34b", url: wgrUrl },
        remindDaysBefore: [28, 7],
      },
      {
        key: "begroting-vastgesteld",
        title: { nl: "Algemeen bestuur stelt de begroting vast", en: "The board adopts the budget" },
        actor: "board",
        when: onDate(-1, 7, 1),
        source: {
          setBy: "agreement",
          citation: "Wgr art. 34 (in het jaar vóór het begrotingsjaar; de datum bepaalt de regeling)",
          url: wgrUrl,
        },
        remindDaysBefore: [14],
      },
      {
        key: "ontwerpbegroting",
        title: { nl: "Ontwerpbegroting naar de raden", en: "Draft budget to the councils" },
        actor: "host",
        when: { kind: "after", rule: "begroting-vastgesteld", days: -84 },
        source: {
          setBy: "law",
          citation: "Wgr art. 35 lid 1 (twaalf weken voordat het algemeen bestuur beslist)",
          url: wgrUrl,
        },
        remindDaysBefore: [28, 7],
      },
      {
        key: "zienswijzen",
        title: { nl: "Zienswijzen van de raden op de ontwerpbegroting", en: "The councils' views on the draft budget" },
        actor: "councils",
        when: { kind: "after", rule: "ontwerpbegroting", days: 84 },
        source: { setBy: "law", citation: "Wgr art. 35 lid 3 (binnen twaalf weken)", url: wgrUrl },
        remindDaysBefore: [28, 7],
      },
      {
        key: "begroting-gs",
        title: {
          nl: "Vastgestelde begroting naar gedeputeerde staten",
          en: "Adopted budget to the provincial executive",
        },
        actor: "host",
        when: { kind: "after", rule: "begroting-vastgesteld", days: 14, latest: { yearOffset: -1, month: 9, day: 15 } },
        source: {
          setBy: "law",
          citation: "Wgr art. 34 (binnen twee weken na vaststelling, vóór 15 september)",
          url: wgrUrl,
        },
        remindDaysBefore: [7],
      },
      {
        key: "voorlopige-jaarrekening",
        title: { nl: "Voorlopige jaarrekening naar de raden", en: "Provisional accounts to the councils" },
        actor: "host",
        when: onDate(1, 4, 30),
        source: { setBy: "law", citation: "Wgr art. 34b", url: wgrUrl },
        remindDaysBefore: [28, 7],
      },
      {
        key: "afrekening",
        title: { nl: "Afrekening van het jaar aan de klanten", en: "The year's settlement to the clients" },
        actor: "host",
        when: onDate(1, 5, 31),
        source: { setBy: "agreement", citation: "Raamovereenkomst (afrekening van de voorschotten)", url: null },
        remindDaysBefore: [14],
      },
      {
        key: "jaarrekening-vastgesteld",
        title: { nl: "Algemeen bestuur stelt de jaarrekening vast", en: "The board adopts the accounts" },
        actor: "board",
        when: onDate(1, 7, 1),
        source: {
          setBy: "agreement",
          citation: "Wgr art. 34 (in het jaar na het begrotingsjaar; de datum bepaalt de regeling)",
          url: wgrUrl,
        },
        remindDaysBefore: [14],
      },
      {
        key: "jaarrekening-gs",
        title: {
          nl: "Vastgestelde jaarrekening naar gedeputeerde staten",
          en: "Adopted accounts to the provincial executive",
        },
        actor: "host",
        when: {
          kind: "after",
          rule: "jaarrekening-vastgesteld",
          days: 14,
          latest: { yearOffset: 1, month: 7, day: 15 },
        },
        source: {
          setBy: "law",
          citation: "Wgr art. 34 (binnen twee weken na vaststelling, vóór 15 juli)",
          url: wgrUrl,
        },
        remindDaysBefore: [7],
      },
    ],
  },
  dlb: {
    key: "be-dlb-2017",
    name: "Decreet over het lokaal bestuur (interlokale vereniging met beheersgemeente)",
    legalRegime: "dlb",
    note: {
      nl: "Een interlokale vereniging met een beheersgemeente (Decreet over het lokaal bestuur van 22 december 2017, deel 3, titel 3, art. 388-473): de overeenkomst regelt hoe het beheerscomité rapporteert en afrekent; elke gemeenteraad neemt zijn bijdrage op in zijn meerjarenplan en jaarrekening volgens de beleids- en beheerscyclus (deel 2, titel 4, en het besluit van de Vlaamse Regering van 30 maart 2018). Data uit de overeenkomst zijn een standaard: pas ze aan in een eigen kopie.",
      en: "An interlokale vereniging with a managing municipality (Decreet over het lokaal bestuur of 22 December 2017, part 3, title 3, art. 388-473): the agreement sets how the management committee reports and settles; each council puts its contribution in its multi-year plan and accounts under the policy and management cycle (part 2, title 4, and the Flemish Government's order of 30 March 2018). Dates from the agreement are a default: change them in your own copy.",
    },
    rules: [
      {
        key: "voorstel-bijdragen",
        title: {
          nl: "Beheerscomité: voorstel van budget en bijdragen",
          en: "Management committee: proposed budget and contributions",
        },
        actor: "board",
        when: onDate(-1, 9, 30),
        source: {
          setBy: "agreement",
          citation: "Decreet lokaal bestuur, interlokale vereniging (de overeenkomst regelt de financiële gevolgen)",
          url: dlb,
        },
        remindDaysBefore: [28, 7],
      },
      {
        key: "meerjarenplan",
        title: {
          nl: "Gemeenteraden: aanpassing meerjarenplan met de bijdrage",
          en: "Councils: multi-year plan adjusted with the contribution",
        },
        actor: "councils",
        when: onDate(-1, 12, 31),
        source: {
          setBy: "law",
          citation: "Decreet lokaal bestuur, deel 2, titel 4 (beleids- en beheerscyclus); BVR van 30 maart 2018",
          url: dlbUrl,
        },
        remindDaysBefore: [42, 14],
      },
      {
        key: "rekeningen-beheerscomite",
        title: {
          nl: "Beheerscomité stelt de rekeningen van de vereniging vast",
          en: "Management committee adopts the association's accounts",
        },
        actor: "board",
        when: onDate(1, 3, 31),
        source: {
          setBy: "agreement",
          citation: "Decreet lokaal bestuur, interlokale vereniging (rekeningen zoals de overeenkomst bepaalt)",
          url: dlb,
        },
        remindDaysBefore: [14],
      },
      {
        key: "afrekening",
        title: { nl: "Afrekening van het jaar aan de deelnemers", en: "The year's settlement to the participants" },
        actor: "host",
        when: onDate(1, 4, 30),
        source: { setBy: "agreement", citation: "Raamovereenkomst (afrekening van de voorschotten)", url: null },
        remindDaysBefore: [14],
      },
      {
        key: "jaarrekening",
        title: {
          nl: "Gemeenteraden stellen de jaarrekening vast (met de afrekening)",
          en: "Councils adopt their accounts (with the settlement)",
        },
        actor: "councils",
        when: onDate(1, 6, 30),
        source: {
          setBy: "law",
          citation:
            "Decreet lokaal bestuur, deel 2, titel 4 (jaarrekening vastgesteld vóór 30 juni); BVR van 30 maart 2018",
          url: dlbUrl,
        },
        remindDaysBefore: [28, 7],
      },
      {
        key: "evaluatie",
        title: {
          nl: "Jaarlijkse evaluatie door de gemeenteraden",
          en: "The councils' yearly evaluation",
        },
        actor: "councils",
        when: onDate(1, 12, 31),
        source: {
          setBy: "agreement",
          citation: "Decreet lokaal bestuur, interlokale vereniging (jaarlijkse evaluatie door de gemeenteraden)",
          url: dlb,
        },
        remindDaysBefore: [28],
      },
    ],
  },
};

export const builtInTemplateFor = (regime: LegalRegime) => builtInTemplates[regime];

export interface Deadline {
  ruleKey: string;
  budgetYear: number;
  dueOn: string;
  title: CalendarRule["title"];
  actor: CalendarRule["actor"];
  source: CalendarRule["source"];
  remindDaysBefore: number[];
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const dateIn = (year: number, month: number, day: number) =>
  iso(new Date(Date.UTC(year, month - 1, Math.min(day, daysIn(year, month)))));
export const addDays = (date: string, days: number) =>
  iso(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));

/** Every step's date for one budget year; the rules are valid (see checkRules). */
export function deadlinesFor(rules: readonly CalendarRule[], budgetYear: number): Deadline[] {
  const byKey = new Map(rules.map((r) => [r.key, r]));
  const resolved = new Map<string, string>();
  const resolve = (rule: CalendarRule, seen: Set<string>): string => {
    const known = resolved.get(rule.key);
    if (known) return known;
    if (seen.has(rule.key)) throw new Error(`calendar rules refer to each other: ${[...seen].join(" → ")}`);
    seen.add(rule.key);
    const when = rule.when;
    let due: string;
    if (when.kind === "date") {
      due = dateIn(budgetYear + when.yearOffset, when.month, when.day);
    } else {
      const base = byKey.get(when.rule);
      if (!base) throw new Error(`calendar rule ${rule.key} refers to unknown rule ${when.rule}`);
      due = addDays(resolve(base, seen), when.days);
      if (when.latest) {
        const latest = dateIn(budgetYear + when.latest.yearOffset, when.latest.month, when.latest.day);
        if (latest < due) due = latest;
      }
    }
    resolved.set(rule.key, due);
    return due;
  };
  return rules
    .map((rule) => ({
      ruleKey: rule.key,
      budgetYear,
      dueOn: resolve(rule, new Set()),
      title: rule.title,
      actor: rule.actor,
      source: rule.source,
      remindDaysBefore: rule.remindDaysBefore,
    }))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.ruleKey.localeCompare(b.ruleKey));
}

/** The deadlines that fall between two dates (inclusive), over the budget years of a term. */
export function deadlinesBetween(
  rules: readonly CalendarRule[],
  term: { startsOn: string; endsOn: string | null },
  from: string,
  to: string,
): Deadline[] {
  const first = Math.max(Number(term.startsOn.slice(0, 4)), Number(from.slice(0, 4)) - 2);
  const last = Math.min(term.endsOn ? Number(term.endsOn.slice(0, 4)) : 9999, Number(to.slice(0, 4)) + 2);
  const out: Deadline[] = [];
  for (let year = first; year <= last; year++) {
    for (const d of deadlinesFor(rules, year)) if (d.dueOn >= from && d.dueOn <= to) out.push(d);
  }
  return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.ruleKey.localeCompare(b.ruleKey));
}

/** What is wrong with a set of rules, as field paths for a problem+json answer; empty when they hold. */
export function checkRules(rules: readonly CalendarRule[]): FieldError[] {
  const issues: FieldError[] = [];
  const keys = new Map<string, number>();
  rules.forEach((rule, i) => {
    if (keys.has(rule.key))
      issues.push({ field: `rules.${i}.key`, message: "field.stepUsedTwice", params: { key: rule.key } });
    keys.set(rule.key, i);
  });
  rules.forEach((rule, i) => {
    if (rule.when.kind === "after" && !keys.has(rule.when.rule)) {
      issues.push({ field: `rules.${i}.when.rule`, message: "field.noSuchStep", params: { step: rule.when.rule } });
    }
    if (rule.when.kind === "date" && rule.when.day > daysIn(2024, rule.when.month)) {
      issues.push({
        field: `rules.${i}.when.day`,
        message: "field.noSuchDay",
        params: { month: rule.when.month, day: rule.when.day },
      });
    }
  });
  if (issues.length) return issues;
  // A chain of "after" rules must end at a date.
  const byKey = new Map(rules.map((r) => [r.key, r]));
  rules.forEach((rule, i) => {
    const seen = new Set<string>();
    let current: CalendarRule | undefined = rule;
    while (current && current.when.kind === "after") {
      if (seen.has(current.key)) {
        issues.push({
          field: `rules.${i}.when.rule`,
          message: "field.stepsCircular",
          params: { steps: [...seen].join(" → ") },
        });
        return;
      }
      seen.add(current.key);
      current = byKey.get(current.when.rule);
    }
  });
  return issues;
}

/** A deadline in a feed: one whole day. */
export type FeedEvent = CalendarEvent & { date: string };

export { toICalendar };
