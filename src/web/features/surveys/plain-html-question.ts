import { createElement } from "react";
import { ReactQuestionFactory, SurveyQuestionHtml } from "survey-react-ui";

/**
 * The text of a piece of HTML, without running or loading anything: a document made by DOMParser is inert (no
 * scripts, no images, no styles applied), and only its text is taken.
 */
export function textOfHtml(html: string): string {
  const document = new DOMParser().parseFromString(html, "text/html");
  for (const br of document.querySelectorAll("br")) br.replaceWith("\n");
  for (const block of document.querySelectorAll("p, div, li, h1, h2, h3, h4, h5, h6, tr")) block.append("\n");
  return (document.body.textContent ?? "").replace(/\n{3,}/g, "\n\n").trim();
}

/**
 * A survey's "html" element shows its text only. The definition is written by another organisation than the one
 * answering: its HTML (links, forms, overlays over the whole page) must never reach the answering officials' page.
 */
class PlainTextHtmlQuestion extends SurveyQuestionHtml {
  protected override renderElement() {
    return createElement(
      "div",
      { className: this.question.renderCssRoot, style: { whiteSpace: "pre-line" } },
      textOfHtml(this.question.locHtml.renderedHtml),
    );
  }
}

/** Replaces the survey library's HTML element by the plain-text one, for every survey shown after this call. */
export function showHtmlAsText() {
  ReactQuestionFactory.Instance.registerQuestion("html", (props) => createElement(PlainTextHtmlQuestion, props));
}
