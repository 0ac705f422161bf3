import i18next, { type TFunction } from "i18next";
import { z } from "zod";
import en from "./messages/en.json" with { type: "json" };
import nl from "./messages/nl.json" with { type: "json" };

/**
 * The server's words in Dutch and English. A message is made where a problem is found, as a key and its
 * parameters, and put into words where it leaves Samen: in the language the request asks for (`Accept-Language`,
 * which the web app sets to the interface's language), Dutch when it asks for neither.
 */
export const languages = ["nl", "en"] as const;
export type Language = (typeof languages)[number];

export interface Message {
  key: string;
  /** Values to put in; a value that is itself a message is put into words first. */
  params?: Record<string, string | number | Message>;
}

const instance = i18next.createInstance();
void instance.init({
  resources: { nl: { translation: nl }, en: { translation: en } },
  lng: "nl",
  fallbackLng: "nl",
  keySeparator: false,
  interpolation: { escapeValue: false },
  initAsync: false,
});

const translators: Record<Language, TFunction> = {
  nl: instance.getFixedT("nl"),
  en: instance.getFixedT("en"),
};

/** A message in words. */
export function say(language: Language, message: Message): string {
  const params = Object.fromEntries(
    Object.entries(message.params ?? {}).map(([name, value]) => [
      name,
      typeof value === "object" ? say(language, value) : value,
    ]),
  );
  return translators[language](message.key, params) as string;
}

/** Whether a text is a key of the catalogues (a schema names its message by key). */
/** Says messages in one language, by key and values: `const words = sayerIn(language); words("key", { n: 2 })`. */
export const sayerIn =
  (language: Language) =>
  (key: string, params?: Message["params"]): string =>
    say(language, { key, ...(params ? { params } : {}) });

export const isMessageKey = (text: string) => instance.exists(text, { lng: "nl" });

const zodLocales = { nl: z.locales.nl(), en: z.locales.en() };

/** The error map that words a schema's own checks in a language, for `safeParse(value, { error })`. */
export const zodErrors = (language: Language) => zodLocales[language].localeError;

/**
 * A schema's issue in words: a message a schema names by key is said with the issue's bounds; any other message
 * (one worded by `zodErrors`, or one not yet in the catalogues) as it is.
 */
export function sayIssue(
  language: Language,
  issue: {
    message?: string | undefined;
    minimum?: unknown;
    maximum?: unknown;
    params?: Record<string, string | number> | undefined;
  },
): string {
  const message = issue.message ?? "field.invalid";
  if (!isMessageKey(message)) return message;
  const bounds = Object.fromEntries(
    (["minimum", "maximum"] as const)
      .filter((name) => typeof issue[name] === "number" || typeof issue[name] === "bigint")
      .map((name) => [name, Number(issue[name])]),
  );
  return say(language, { key: message, params: { ...bounds, ...issue.params } });
}

/** The language a request asks for: the first of Samen's languages in the order of preference it states. */
export function languageOf(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return "nl";
  const asked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...options] = part.trim().split(";");
      const q = options.map((o) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(o)?.[1]).find(Boolean);
      return { language: tag.trim().toLowerCase().split("-")[0], q: q === undefined ? 1 : Number(q), index };
    })
    .filter((a) => a.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return (asked.find((a) => (languages as readonly string[]).includes(a.language ?? ""))?.language ?? "nl") as Language;
}

/** The language of a command-line run: the environment's, English unless it says Dutch. */
export const languageOfEnvironment = (env: NodeJS.ProcessEnv = process.env): Language =>
  /^nl/i.test(env.LC_ALL || env.LC_MESSAGES || env.LANG || "") ? "nl" : "en";

const locales: Record<Language, string> = { nl: "nl-BE", en: "en-GB" };
const euroFormats = {
  nl: new Intl.NumberFormat(locales.nl, { style: "currency", currency: "EUR" }),
  en: new Intl.NumberFormat(locales.en, { style: "currency", currency: "EUR" }),
};
const dayFormats = {
  nl: new Intl.DateTimeFormat(locales.nl, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat(locales.en, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
};

/** An amount in cents as people read it: € 1.234,56 in Dutch, €1,234.56 in English. */
export const sayEuro = (cents: number, language: Language) => euroFormats[language].format(cents / 100);
const numberFormats = {
  nl: new Intl.NumberFormat(locales.nl, { maximumFractionDigits: 3 }),
  en: new Intl.NumberFormat(locales.en, { maximumFractionDigits: 3 }),
};
const percentFormats = {
  nl: new Intl.NumberFormat(locales.nl, { style: "percent", maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat(locales.en, { style: "percent", maximumFractionDigits: 2 }),
};
/** A number with the language's separators and at most three decimals. */
export const sayNumber = (value: number, language: Language) => numberFormats[language].format(value);
/** A share in basis points as a percentage: 12,5 %. */
export const sayPercent = (basisPoints: number, language: Language) =>
  percentFormats[language].format(basisPoints / 10_000);
/** A calendar day (YYYY-MM-DD) in words: 9 december 2026. */
export const sayDay = (isoDay: string, language: Language) =>
  dayFormats[language].format(new Date(`${isoDay}T00:00:00Z`));

/**
 * A mail's text when the sender does not know the recipient's language: Dutch first, then English under a rule,
 * each said by `lines` in its language.
 */
export const inBothLanguages = (lines: (language: Language) => string[]) =>
  [...lines("nl"), "", "---", ...lines("en")].join("\n");
