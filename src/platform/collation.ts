/**
 * Names in Dutch alphabetical order. One collator made once: `a.localeCompare(b, "nl")` looks the locale up on every
 * call, which a list of 400 clients sorted on every settlement pays thousands of times.
 */
export const dutchOrder: (a: string, b: string) => number = new Intl.Collator("nl").compare;
