import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { PDFDocument, PDFFont, PDFPage, RGB } from "pdf-lib";

/**
 * The one way Samen makes a PDF document (statements, scan reports and what later modules add): A4 pages that
 * flow, text that wraps, tables that break over pages with their head repeated, a running title and "pagina x van
 * y" on every page, and DejaVu Sans embedded (subset), so any name in the register prints as it is written.
 */
const require = createRequire(import.meta.url);
const fontFile = (name: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}`));
let fonts: { regular: Buffer; bold: Buffer } | null = null;
const fontBytes = () => {
  fonts ??= { regular: fontFile("DejaVuSans.ttf"), bold: fontFile("DejaVuSans-Bold.ttf") };
  return fonts;
};

const page = { width: 595.28, height: 841.89, left: 50, right: 545.28, top: 785, bottom: 60 };
/**
 * pdf-lib and fontkit, loaded on the first document rather than when the server starts: together they hold some
 * 10 MB of heap (and more resident) that a server which never prints would carry for nothing.
 */
let library: Promise<{
  PDFDocument: typeof PDFDocument;
  fontkit: Parameters<PDFDocument["registerFontkit"]>[0];
  colours: { ink: RGB; muted: RGB; rule: RGB };
}> | null = null;
const pdfLibrary = () => {
  library ??= Promise.all([import("pdf-lib"), import("@pdf-lib/fontkit")]).then(([pdf, kit]) => ({
    PDFDocument: pdf.PDFDocument,
    fontkit: kit.default,
    colours: { ink: pdf.rgb(0.1, 0.12, 0.14), muted: pdf.rgb(0.35, 0.38, 0.42), rule: pdf.rgb(0.75, 0.77, 0.8) },
  }));
  return library;
};

export interface Column {
  title: string;
  /** Share of the text width. */
  width: number;
  align?: "left" | "right";
}

export interface TextOptions {
  size?: number;
  bold?: boolean;
  muted?: boolean;
}

export interface PdfBuilder {
  heading(text: string, size?: number): void;
  paragraph(text: string, options?: TextOptions): void;
  space(points: number): void;
  /**
   * A table; rows that do not fit go to the next page under the head again. `emphasis` rows print bold;
   * `keepWithLast` points of what follows are kept on the page of the last row (a total and what to pay).
   */
  table(
    columns: Column[],
    rows: string[][],
    options?: { emphasis?: (row: number) => boolean; size?: number; keepWithLast?: number },
  ): void;
  save(): Promise<Uint8Array>;
}

/**
 * Words into lines no wider than `width`; a word longer than the line breaks after a hyphen that fits, or else is
 * cut where it must be.
 */
export function wrapText(value: string, measure: (t: string) => number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of value.split(/\r?\n/)) {
    let current = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let rest = word;
      while (measure(rest) > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && measure(rest.slice(0, cut)) > width) cut--;
        const hyphen = rest.lastIndexOf("-", cut - 1);
        if (hyphen > 0) cut = hyphen + 1;
        if (current) lines.push(current);
        lines.push(rest.slice(0, cut));
        current = "";
        rest = rest.slice(cut);
      }
      const next = current ? `${current} ${rest}` : rest;
      if (measure(next) > width && current) {
        lines.push(current);
        current = rest;
      } else current = next;
    }
    lines.push(current);
  }
  return lines;
}

/** A new document with its metadata; `running` is the line at the top of every page. */
export async function createPdf(meta: {
  title: string;
  author: string;
  subject?: string;
  running: string;
}): Promise<PdfBuilder> {
  const { PDFDocument, fontkit, colours } = await pdfLibrary();
  const { ink, muted, rule } = colours;
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  if (meta.subject) doc.setSubject(meta.subject);
  doc.setCreator("Samen");
  doc.setProducer("Samen");
  doc.setLanguage("nl");
  const regular = await doc.embedFont(fontBytes().regular, { subset: true });
  const bold = await doc.embedFont(fontBytes().bold, { subset: true });
  const textWidth = page.right - page.left;
  let current: PDFPage = doc.addPage([page.width, page.height]);
  let y = page.top;

  const fontOf = (o: TextOptions) => (o.bold ? bold : regular);
  const newPage = () => {
    current = doc.addPage([page.width, page.height]);
    y = page.top;
  };
  const ensure = (height: number) => {
    if (y - height < page.bottom) newPage();
  };
  const draw = (text: string, x: number, size: number, font: PDFFont, color = ink) =>
    current.drawText(text, { x, y: y - size, size, font, color });

  const paragraph = (text: string, options: TextOptions = {}) => {
    const size = options.size ?? 10;
    const font = fontOf(options);
    for (const line of wrapText(text, (t) => font.widthOfTextAtSize(t, size), textWidth)) {
      ensure(size * 1.4);
      draw(line, page.left, size, font, options.muted ? muted : ink);
      y -= size * 1.4;
    }
  };

  const table: PdfBuilder["table"] = (columns, rows, options = {}) => {
    const size = options.size ?? 9;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * textWidth);
    const xs = widths.map((_, i) => page.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const gap = 6;
    const cellLines = (row: string[], font: PDFFont) =>
      row.map((cell, i) => wrapText(cell, (t) => font.widthOfTextAtSize(t, size), (widths[i] ?? 0) - gap));
    const drawRow = (lines: string[][], font: PDFFont) => {
      const height = Math.max(...lines.map((l) => l.length)) * size * 1.35 + 4;
      lines.forEach((cell, i) => {
        cell.forEach((line, n) => {
          const x =
            columns[i]?.align === "right"
              ? (xs[i] ?? 0) + (widths[i] ?? 0) - gap - font.widthOfTextAtSize(line, size)
              : (xs[i] ?? 0);
          current.drawText(line, { x, y: y - size - n * size * 1.35, size, font, color: ink });
        });
      });
      y -= height;
      current.drawLine({
        start: { x: page.left, y: y + 2 },
        end: { x: page.right, y: y + 2 },
        thickness: 0.4,
        color: rule,
      });
    };
    const head = cellLines(
      columns.map((c) => c.title),
      bold,
    );
    const headHeight = Math.max(...head.map((l) => l.length)) * size * 1.35 + 4;
    rows.forEach((row, r) => {
      const font = options.emphasis?.(r) ? bold : regular;
      const lines = cellLines(row, font);
      const height = Math.max(...lines.map((l) => l.length)) * size * 1.35 + 4;
      const needed = height + (r === rows.length - 1 ? (options.keepWithLast ?? 0) : 0);
      // The head goes with the first row; a row that does not fit starts a page with the head again.
      if (r === 0 || y - needed < page.bottom) {
        ensure(headHeight + needed);
        drawRow(head, bold);
      }
      drawRow(lines, font);
    });
    y -= 6;
  };

  return {
    heading: (text, size = 18) => {
      ensure(size * 2);
      paragraph(text, { size, bold: true });
      y -= size * 0.3;
    },
    paragraph,
    space: (points) => {
      y -= points;
    },
    table,
    save: async () => {
      const pages = doc.getPages();
      pages.forEach((p, i) => {
        const footer = `Pagina ${i + 1} van ${pages.length}`;
        p.drawText(meta.running, { x: page.left, y: page.height - 40, size: 8, font: regular, color: muted });
        p.drawText("Samen", { x: page.left, y: 32, size: 8, font: regular, color: muted });
        p.drawText(footer, {
          x: page.right - regular.widthOfTextAtSize(footer, 8),
          y: 32,
          size: 8,
          font: regular,
          color: muted,
        });
      });
      return doc.save();
    },
  };
}
