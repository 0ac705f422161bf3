import type { ITheme } from "survey-core";

/**
 * The survey library's look in Samen's house style: its colours, font and corners from the NL Design System tokens
 * Samen's theme sets (styles.css), so a municipality restyling Samen restyles its surveys too. No web fonts: the
 * page's own font.
 */
export const samenSurveyTheme: ITheme = {
  themeName: "samen",
  colorPalette: "light",
  isPanelless: true,
  cssVariables: {
    "--sjs2-color-project-brand-600": "var(--samen-color-primary)",
    "--sjs2-color-project-brand-700": "var(--samen-color-primary-hover)",
    "--sjs2-color-fg-brand-on-primary": "#ffffff",
    "--sjs2-typography-font-family-text": "var(--utrecht-document-font-family)",
    "--sjs-font-family": "var(--utrecht-document-font-family)",
    "--sjs-primary-backcolor": "var(--samen-color-primary)",
    "--sjs-primary-backcolor-dark": "var(--samen-color-primary-hover)",
    "--sjs-general-backcolor-dim": "var(--samen-color-surface)",
    "--sjs-border-default": "var(--samen-color-border)",
    "--sjs-corner-radius": "var(--samen-radius)",
  },
};
