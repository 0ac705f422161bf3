import { canonicalJson } from "./canonical-json.ts";

/**
 * The one question a new survey starts with, so it can be saved and edited at once: shared by the web app (which
 * offers it) and the server (which will not open a survey that still holds only this).
 */
export const starterDefinition = {
  pages: [
    {
      name: "pagina1",
      elements: [
        {
          type: "radiogroup",
          name: "vraag1",
          title: { nl: "Eerste vraag", en: "First question" },
          isRequired: true,
          choices: [
            { value: "ja", text: { nl: "Ja", en: "Yes" } },
            { value: "nee", text: { nl: "Nee", en: "No" } },
          ],
        },
      ],
    },
  ],
};

/** Whether a definition is still the starting question and nothing else (a definition read back from the database
 * keeps its values, not its key order). */
export const isStarterOnly = (definition: unknown) => canonicalJson(definition) === canonicalJson(starterDefinition);
