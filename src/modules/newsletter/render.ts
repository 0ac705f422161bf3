import MarkdownIt from "markdown-it";
import type { NewsletterItem } from "../../platform/db/schema.ts";
import { type Language, say } from "../../platform/i18n.ts";

/**
 * Markdown people write, as e-mail HTML: raw HTML in it is shown as text, never passed on, and links go only to
 * web and mail addresses.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
markdown.validateLink = (url) => /^(https?:|mailto:)/i.test(url.trim());

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

export interface IssueContent {
  providerName: string;
  subject: string;
  intro: string;
  items: NewsletterItem[];
  archiveUrl: string;
}

/** Where each recipient's own links go: the visible unsubscribe link; none in the archive. */
export interface PersonalLinks {
  unsubscribe: string;
}

/**
 * An issue as accessible e-mail HTML (MJML: a single column that reads on a phone, real headings, the language
 * set, links with their words) and as plain text, with the recipient's own unsubscribe link in both.
 */
export async function renderIssue(content: IssueContent, links: PersonalLinks | null, language: Language = "nl") {
  const wordsOf = {
    unsubscribe: say(language, { key: "newsletter.unsubscribe" }),
    why: say(language, { key: "newsletter.why", params: { provider: content.providerName } }),
    archive: say(language, { key: "newsletter.archive" }),
    more: say(language, { key: "newsletter.more" }),
    noTracking: say(language, { key: "newsletter.noTracking" }),
  };
  const items = content.items
    .map(
      (item) => `
      <mj-section padding="8px 0">
        <mj-column>
          <mj-text font-size="18px" font-weight="bold" padding-bottom="4px"><h2 style="font-size:18px;margin:0">${escapeHtml(item.title)}</h2></mj-text>
          <mj-text line-height="1.5">${markdown.render(item.body)}${
            item.url ? `<p><a href="${escapeHtml(item.url)}">${wordsOf.more}: ${escapeHtml(item.title)}</a></p>` : ""
          }</mj-text>
        </mj-column>
      </mj-section>`,
    )
    .join("");
  const footer = links
    ? `<p>${escapeHtml(wordsOf.why)} <a href="${escapeHtml(links.unsubscribe)}">${wordsOf.unsubscribe}</a>.</p>`
    : "";
  const source = `<mjml lang="${language}">
  <mj-head>
    <mj-title>${escapeHtml(content.subject)}</mj-title>
    <mj-attributes><mj-all font-family="Arial, Helvetica, sans-serif" color="#1a1a1a" /></mj-attributes>
  </mj-head>
  <mj-body background-color="#ffffff" width="640px">
    <mj-section padding="16px 0 0">
      <mj-column>
        <mj-text font-size="14px" color="#4a4a4a">${escapeHtml(content.providerName)}</mj-text>
        <mj-text font-size="24px" font-weight="bold"><h1 style="font-size:24px;margin:0">${escapeHtml(content.subject)}</h1></mj-text>
        <mj-text line-height="1.5">${markdown.render(content.intro)}</mj-text>
      </mj-column>
    </mj-section>
    ${items}
    <mj-section padding="16px 0">
      <mj-column>
        <mj-divider border-width="1px" border-color="#cccccc" />
        <mj-text font-size="13px" color="#4a4a4a">
          <p><a href="${escapeHtml(content.archiveUrl)}">${wordsOf.archive}</a></p>
          ${footer}
          <p>${wordsOf.noTracking}</p>
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
  // mjml is loaded on the first mail rather than when the server starts: it holds some 15 MB of heap.
  const { default: mjml2html } = await import("mjml");
  const { html, errors } = await mjml2html(source, { validationLevel: "soft" });
  if (errors.length) throw new Error(`newsletter template: ${errors.map((e) => e.formattedMessage).join("; ")}`);
  const text = [
    content.providerName,
    "",
    content.subject.toUpperCase(),
    "",
    content.intro,
    ...content.items.flatMap((item) => [
      "",
      "",
      `## ${item.title}`,
      "",
      item.body,
      ...(item.url ? ["", item.url] : []),
    ]),
    "",
    "---",
    `${wordsOf.archive}: ${content.archiveUrl}`,
    ...(links ? [`${wordsOf.unsubscribe}: ${links.unsubscribe}`] : []),
    wordsOf.noTracking,
  ].join("\n");
  return { html, text };
}
