import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** The text of a PDF as `pdftotext` (poppler) reads it, page by page in reading order, with form feeds between pages. */
export function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), "samen-pdf-"));
  try {
    const file = path.join(dir, "document.pdf");
    writeFileSync(file, pdf);
    return execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How many pages a PDF has, as `pdfinfo` (poppler) counts them. */
export function pdfPages(pdf: Uint8Array): number {
  const dir = mkdtempSync(path.join(tmpdir(), "samen-pdf-"));
  try {
    const file = path.join(dir, "document.pdf");
    writeFileSync(file, pdf);
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
