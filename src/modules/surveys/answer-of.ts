import { and, type Column, eq } from "drizzle-orm";
import { surveyResponses } from "../../platform/db/schema.ts";

/** The condition that picks an organisation's answer to a survey (the organisation a value or a joined column). */
export const answerOf = (surveyId: string, organisation: string | Column) =>
  and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.organisationId, organisation));
