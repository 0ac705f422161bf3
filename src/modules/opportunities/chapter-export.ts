import { type Block, markdownBlocks, plainOf } from "../../platform/markdown-blocks.ts";
import { createPdf } from "../../platform/pdf.ts";

/**
 * The chapter as documents a council works with: Word (DOCX, made with the docx library, with real headings and
 * lists so it reads in any word processor and a screen reader), PDF (Samen's one way of making PDFs) and the
 * Markdown as written. Each is laid out from the same blocks of the Markdown.
 */
export async function chapterDocx(markdown: string, meta: { title: string; creator: string }): Promise<Buffer> {
  // docx is loaded on the first document rather than when the server starts (as pdf-lib and mjml are).
  const { Document, HeadingLevel, Packer, Paragraph, TextRun } = await import("docx");
  const headingLevels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
  const paragraphs = markdownBlocks(markdown).map((block: Block) => {
    const children = block.runs.map((r) => new TextRun({ text: r.text, bold: r.bold }));
    if (block.kind === "heading") return new Paragraph({ heading: headingLevels[block.level], children });
    if (block.kind === "item") {
      return block.ordered
        ? new Paragraph({ children: [new TextRun(`${block.number}. `), ...children] })
        : new Paragraph({ bullet: { level: 0 }, children });
    }
    return new Paragraph({ children });
  });
  const document = new Document({
    title: meta.title,
    creator: meta.creator,
    description: meta.title,
    styles: { default: { document: { run: { font: "Calibri", size: 22 } } } },
    sections: [{ properties: {}, children: paragraphs }],
  });
  const bytes = await Packer.toBuffer(document);
  return Buffer.from(bytes);
}

export async function chapterPdf(markdown: string, meta: { title: string; author: string }): Promise<Uint8Array> {
  const pdf = await createPdf({ title: meta.title, author: meta.author, running: meta.title });
  const sizes = { 1: 18, 2: 14, 3: 12 } as const;
  for (const block of markdownBlocks(markdown)) {
    const text = plainOf(block.runs);
    if (block.kind === "heading") pdf.heading(text, sizes[block.level]);
    else if (block.kind === "item") pdf.paragraph(`${block.ordered ? `${block.number}.` : "•"} ${text}`);
    else {
      pdf.paragraph(text, { bold: block.runs.length > 0 && block.runs.every((r) => r.bold) });
      pdf.space(4);
    }
  }
  return pdf.save();
}
