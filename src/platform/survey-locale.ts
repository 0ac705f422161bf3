/**
 * The language a survey is shown in: the reader's when the survey speaks it, else English, else the first language
 * it has. A survey imported in German and French is then read in one of its own languages, never as question names.
 * Shared by the web app (the answer page) and the server.
 */
export function surveyLocale(locales: readonly string[], wanted: string): string {
  if (!locales.length || locales.includes(wanted)) return wanted;
  return locales.includes("en") ? "en" : (locales[0] as string);
}
