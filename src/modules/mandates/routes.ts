import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { mutate, requireActor } from "../../platform/http/request.ts";
import { problemResponses, uuidParam, writeProblemResponses } from "../../platform/http/schemas.ts";
import { answerMandate } from "./answer-mandate.ts";
import { grantMandate } from "./grant-mandate.ts";
import { listMandates, mandateActions } from "./queries.ts";
import { revokeMandate } from "./revoke-mandate.ts";
import {
  answerMandateBody,
  grantMandateBody,
  mandateActionsSchema,
  mandateListSchema,
  mandateSchema,
} from "./schemas.ts";

const tags = ["mandates"];

export async function mandateRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.platform.database;

  app.get(
    "/organisations/:id/mandates",
    {
      schema: {
        tags,
        summary: "The mandates an organisation gave others to act for it, and those it received",
        params: uuidParam,
        response: { 200: mandateListSchema, ...problemResponses },
      },
    },
    async (request) => listMandates(db, requireActor(request), request.params.id),
  );

  app.post(
    "/organisations/:id/mandates",
    {
      schema: {
        tags,
        summary: "Offer another organisation a mandate to act for this one, within scopes and for a period",
        params: uuidParam,
        body: grantMandateBody,
        response: { 201: mandateSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const mandate = await mutate(request, (tx, ctx) => grantMandate(tx, ctx, request.params.id, request.body));
      return reply.status(201).send(mandate);
    },
  );

  app.post(
    "/mandates/:id/answer",
    {
      schema: {
        tags,
        summary: "Accept or decline a mandate offered to your organisation",
        params: uuidParam,
        body: answerMandateBody,
        response: { 200: mandateSchema, ...writeProblemResponses },
      },
    },
    async (request) => mutate(request, (tx, ctx) => answerMandate(tx, ctx, request.params.id, request.body.accept)),
  );

  app.post(
    "/mandates/:id/revoke",
    {
      schema: {
        tags,
        summary: "End a mandate: revoked by the organisation that gave it, or given back by the one that received it",
        params: uuidParam,
        response: { 200: mandateSchema, ...writeProblemResponses },
      },
    },
    async (request) => mutate(request, (tx, ctx) => revokeMandate(tx, ctx, request.params.id)),
  );

  app.get(
    "/mandates/:id/actions",
    {
      schema: {
        tags,
        summary: "What was done under a mandate: its receiver's people acting for the grantor",
        params: uuidParam,
        response: { 200: mandateActionsSchema, ...problemResponses },
      },
    },
    async (request) => mandateActions(db, requireActor(request), request.params.id),
  );
}
