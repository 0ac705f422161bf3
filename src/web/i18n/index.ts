import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import nl from "./nl.json";

export const languages = ["nl", "en"] as const;
export type Language = (typeof languages)[number];

const stored = typeof localStorage === "undefined" ? null : localStorage.getItem("samen.language");
const initial: Language = stored === "en" ? "en" : "nl";

void i18next.use(initReactI18next).init({
  resources: { nl: { translation: nl }, en: { translation: en } },
  lng: initial,
  fallbackLng: "nl",
  keySeparator: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = initial;

/** Switches the interface language and remembers the choice on this device. */
export function setLanguage(language: Language) {
  void i18next.changeLanguage(language);
  localStorage.setItem("samen.language", language);
  document.documentElement.lang = language;
}

export default i18next;
