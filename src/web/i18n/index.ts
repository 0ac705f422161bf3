import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import nl from "./nl.json";

export const languages = ["nl", "en"] as const;
export type Language = (typeof languages)[number];

const stored = typeof localStorage === "undefined" ? null : localStorage.getItem("samen.language");
const initial: Language = stored === "en" ? "en" : "nl";

/**
 * Dutch comes with the shell; English is its own chunk, loaded when it is chosen (or was chosen before on this
 * device, before the first render): a Dutch reader does not download the English words.
 */
async function ensure(language: Language) {
  if (language === "nl" || i18next.hasResourceBundle(language, "translation")) return;
  const { default: words } = await import("./en.json");
  i18next.addResourceBundle(language, "translation", words);
}

/** Resolves once the interface speaks its first language; the app renders after it. */
export const i18nReady = (async () => {
  await i18next.use(initReactI18next).init({
    resources: { nl: { translation: nl } },
    lng: "nl",
    fallbackLng: "nl",
    keySeparator: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  if (initial !== "nl") {
    await ensure(initial);
    await i18next.changeLanguage(initial);
  }
  document.documentElement.lang = initial;
})();

/** Switches the interface language and remembers the choice on this device. */
export async function setLanguage(language: Language) {
  // The choice is kept at once: a page loaded while the English words are still on their way opens in English.
  localStorage.setItem("samen.language", language);
  await ensure(language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export default i18next;
