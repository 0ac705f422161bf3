import { z } from "zod";
import { collaborationForms, collaborationNatures } from "../../platform/vocabulary.ts";

const reference = z.object({ id: z.uuid(), name: z.string() });

export const opportunitiesSchema = z
  .object({
    organisation: reference,
    asOf: z.string().describe("The day the register is read as of"),
    neighbours: z.array(reference).describe("The municipalities that share a border with it"),
    portfolio: z
      .object({ collaboration: z.number().int(), outsourcing: z.number().int() })
      .describe("How many arrangements it takes part in: real collaboration, and outsourcing"),
    fromNeighbours: z
      .array(
        z.object({
          collaboration: reference.extend({
            nature: z.enum(collaborationNatures),
            form: z.enum(collaborationForms),
          }),
          neighbourMembers: z.array(reference).describe("Its neighbours that take part"),
          members: z.number().int().describe("All that take part"),
        }),
      )
      .describe("Collaborations its neighbours take part in and it does not, the most neighbours first"),
  })
  .meta({ id: "Opportunities" });
