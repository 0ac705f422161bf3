import MarkdownIt from "markdown-it";

/**
 * Markdown people write in Samen (a chapter, a note) as a list of blocks that every document format can lay out:
 * headings, paragraphs and list items, with their text runs plain or bold. Parsed by markdown-it; raw HTML is text.
 */
export type Run = { text: string; bold: boolean };
export type Block =
  | { kind: "heading"; level: 1 | 2 | 3; runs: Run[] }
  | { kind: "paragraph"; runs: Run[] }
  | { kind: "item"; ordered: boolean; number: number; runs: Run[] };

const parser = new MarkdownIt({ html: false, linkify: false, typographer: false });

export function markdownBlocks(source: string): Block[] {
  const tokens = parser.parse(source, {});
  const blocks: Block[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  let pending: { kind: "heading"; level: 1 | 2 | 3 } | { kind: "paragraph" } | null = null;
  for (const token of tokens) {
    switch (token.type) {
      case "heading_open":
        pending = { kind: "heading", level: Math.min(3, Number(token.tag.slice(1))) as 1 | 2 | 3 };
        break;
      case "paragraph_open":
        if (!pending) pending = { kind: "paragraph" };
        break;
      case "bullet_list_open":
        lists.push({ ordered: false, next: 1 });
        break;
      case "ordered_list_open":
        lists.push({ ordered: true, next: Number(token.attrGet("start") ?? 1) });
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        lists.pop();
        break;
      case "inline": {
        const runs: Run[] = [];
        let bold = false;
        for (const child of token.children ?? []) {
          if (child.type === "strong_open") bold = true;
          else if (child.type === "strong_close") bold = false;
          else if (child.type === "text" || child.type === "code_inline") runs.push({ text: child.content, bold });
          else if (child.type === "softbreak" || child.type === "hardbreak") runs.push({ text: " ", bold });
        }
        const list = lists.at(-1);
        if (pending?.kind === "heading") blocks.push({ kind: "heading", level: pending.level, runs });
        else if (list) blocks.push({ kind: "item", ordered: list.ordered, number: list.next++, runs });
        else blocks.push({ kind: "paragraph", runs });
        pending = null;
        break;
      }
      case "fence":
      case "code_block":
        blocks.push({ kind: "paragraph", runs: [{ text: token.content.trimEnd(), bold: false }] });
        break;
      default:
        break;
    }
  }
  return blocks;
}

export const plainOf = (runs: readonly Run[]) => runs.map((r) => r.text).join("");
