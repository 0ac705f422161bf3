import { useTranslation } from "react-i18next";

/** Dates and numbers in the interface language, in the Belgian and Dutch manner. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === "en" ? "en-GB" : "nl-BE";
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  const numberFormat = new Intl.NumberFormat(locale);
  return {
    date: (iso: string) => dateFormat.format(new Date(`${iso}T00:00:00Z`)),
    number: (n: number) => numberFormat.format(n),
    percent: (basisPoints: number) =>
      `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(basisPoints / 100)} %`,
  };
}
