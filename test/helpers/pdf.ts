import { inflateSync } from "node:zlib";

/**
 * The text drawn on a PDF's pages, as far as a test needs it: every content stream is inflated and the strings
 * shown with Tj are decoded (hex strings in the standard fonts' WinAnsi encoding, close enough to Latin-1).
 */
export function pdfText(pdf: Uint8Array): string {
  const bytes = Buffer.from(pdf);
  const text: string[] = [];
  let at = 0;
  for (;;) {
    const start = bytes.indexOf("stream", at, "latin1");
    if (start < 0) break;
    const dataStart = bytes[start + 6] === 0x0d ? start + 8 : start + 7;
    const end = bytes.indexOf("endstream", dataStart, "latin1");
    if (end < 0) break;
    const raw = bytes.subarray(dataStart, end);
    let content: string;
    try {
      content = inflateSync(raw).toString("latin1");
    } catch {
      content = raw.toString("latin1");
    }
    for (const match of content.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)) {
      text.push(
        Buffer.from(match[1] as string, "hex")
          .toString("latin1")
          .replace(/\u0080/g, "€"),
      );
    }
    at = end + 9;
  }
  return text.join("\n");
}
