/**
 * A stored web address as a link target, only when it is http or https; anything else (a `javascript:` or `data:`
 * address stored before the API refused them) gives no link.
 */
export function safeHref(address: string | null | undefined): string | undefined {
  if (!address) return undefined;
  try {
    const url = new URL(address);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}
