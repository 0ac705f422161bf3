import { useTranslation } from "react-i18next";

/** Dates and numbers in the interface language, in the Belgian and Dutch manner. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === "en" ? "en-GB" : "nl-BE";
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  const numberFormat = new Intl.NumberFormat(locale);
  const momentFormat = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Brussels",
  });
  return {
    date: (iso: string) => dateFormat.format(new Date(`${iso}T00:00:00Z`)),
    /** A moment (an ISO timestamp) as day and time on the clock in Belgium and the Netherlands. */
    moment: (iso: string) => momentFormat.format(new Date(iso)),
    number: (n: number) => numberFormat.format(n),
    percent: (basisPoints: number) =>
      `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(basisPoints / 100)} %`,
  };
}

/** An amount typed in euro (1.234,56, 250.000 or 1234.56, with or without €) in cents; null when it is not one. */
export function parseEuro(text: string): number | null {
  const t = text.replace(/[€\s]/g, "");
  if (!t) return null;
  // The Dutch way: a decimal comma, or points between thousands (250.000); else points are decimal points.
  const dutch = /,\d{1,2}$/.test(t) || /^-?\d{1,3}(\.\d{3})+$/.test(t);
  const normalised = dutch ? t.replace(/\./g, "").replace(",", ".") : t.replace(/,/g, "");
  if (!/^-?\d+(\.\d{1,2})?$/.test(normalised)) return null;
  const [whole = "0", fraction = ""] = normalised.replace("-", "").split(".");
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return normalised.startsWith("-") ? -cents : cents;
}

/** Cents as euro in the interface language; `whole` for estimates, which have no cents to speak of. */
export const useEuro = (language: string, options: { whole?: boolean } = {}) => {
  const format = new Intl.NumberFormat(language === "en" ? "en-GB" : "nl-NL", {
    style: "currency",
    currency: "EUR",
    ...(options.whole ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}),
  });
  return (cents: number) => format.format(cents / 100);
};

/** A number typed the Belgian and Dutch way (5000,5 or 5.000,5) or the English way (5000.5); null when empty. */
export function parseQuantity(text: string): number | null | "invalid" {
  const t = text.replace(/\s/g, "");
  if (!t) return null;
  const normalised = t.includes(",") ? t.replace(/\./g, "").replace(",", ".") : t;
  const value = Number(normalised);
  return Number.isFinite(value) ? value : "invalid";
}
