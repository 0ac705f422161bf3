import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { etagOf, expectedVersion } from "../../platform/http/etag.ts";
import { mutate, requireActor } from "../../platform/http/request.ts";
import { ifMatch, problemResponses, uuidParam, writeProblemResponses } from "../../platform/http/schemas.ts";
import { consultationBodies, consultationOutcomes, staffTransferStatuses } from "../../platform/vocabulary.ts";
import {
  consultationBody,
  consultationChanges,
  createConsultation,
  createTransfer,
  getStaff,
  transferBody,
  transferChanges,
  updateConsultation,
  updateTransfer,
} from "./staff.ts";

const tags = ["shared services"];
const organisationRef = z.object({ id: z.uuid(), name: z.string() });
const count = z.object({ count: z.number().int(), fte: z.number() });

const staffSchema = z
  .object({
    totals: count.extend({
      byStatus: z.array(count.extend({ status: z.enum(staffTransferStatuses) })),
      byOrigin: z.array(count.extend({ organisation: organisationRef })),
    }),
    transfers: z
      .array(
        z.object({
          id: z.uuid(),
          reference: z.string(),
          function: z.string(),
          fte: z.number(),
          from: organisationRef,
          transferOn: z.string(),
          status: z.enum(staffTransferStatuses),
          version: z.number().int(),
          person: z
            .object({
              name: z.string(),
              personnelNumber: z.string().nullable(),
              email: z.string().nullable(),
              notes: z.string().nullable(),
            })
            .nullable(),
        }),
      )
      .nullable(),
    consultations: z.array(
      z.object({
        id: z.uuid(),
        organisation: organisationRef,
        body: z.enum(consultationBodies),
        requestedOn: z.string(),
        adviceDueOn: z.string().nullable(),
        advisedOn: z.string().nullable(),
        outcome: z.enum(consultationOutcomes),
        note: z.string().nullable(),
        version: z.number().int(),
        mayKeep: z.boolean(),
      }),
    ),
    abilities: z.object({ addTransferFrom: z.array(z.uuid()), addConsultationFor: z.array(z.uuid()) }),
  })
  .meta({ id: "FrameworkStaff" });

/** Staff transfers (personeelsoverdracht) and the works councils' consultation under a framework agreement. */
export async function staffRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = base.platform.database.db;

  app.get(
    "/frameworks/:id/staff",
    {
      schema: {
        tags,
        summary:
          "Staff moving to the host: totals for every party; the transfers with the people for HR of the host and of the origin only",
        params: uuidParam,
        response: { 200: staffSchema, ...problemResponses },
      },
    },
    async (request) => getStaff(db, requireActor(request), request.params.id),
  );

  app.post(
    "/frameworks/:id/staff-transfers",
    {
      schema: {
        tags,
        summary: "Register a member of staff who moves to the host (HR of the host or of the origin)",
        params: uuidParam,
        body: transferBody,
        response: { 201: z.object({ id: z.uuid() }), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const created = await mutate(request, (tx, ctx) => createTransfer(tx, ctx, request.params.id, request.body));
      reply.status(201).header("etag", etagOf(1));
      return created;
    },
  );

  app.patch(
    "/staff-transfers/:id",
    {
      schema: {
        tags,
        summary: "Change a staff transfer: status, date, function, FTE, the person's details (send If-Match)",
        params: uuidParam,
        headers: ifMatch,
        body: transferChanges,
        response: { 200: z.object({ version: z.number().int() }), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request.headers["if-match"]);
      const version = await mutate(request, (tx, ctx) =>
        updateTransfer(tx, ctx, request.params.id, expected, request.body),
      );
      reply.header("etag", etagOf(version));
      return { version };
    },
  );

  app.post(
    "/frameworks/:id/consultations",
    {
      schema: {
        tags,
        summary: "Record the consultation of a party's works council or unions on the transfer of staff",
        params: uuidParam,
        body: consultationBody,
        response: { 201: z.object({ id: z.uuid() }), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const created = await mutate(request, (tx, ctx) => createConsultation(tx, ctx, request.params.id, request.body));
      reply.status(201).header("etag", etagOf(1));
      return created;
    },
  );

  app.patch(
    "/consultations/:id",
    {
      schema: {
        tags,
        summary: "Change a consultation: dates, outcome, note (send If-Match)",
        params: uuidParam,
        headers: ifMatch,
        body: consultationChanges,
        response: { 200: z.object({ version: z.number().int() }), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request.headers["if-match"]);
      const version = await mutate(request, (tx, ctx) =>
        updateConsultation(tx, ctx, request.params.id, expected, request.body),
      );
      reply.header("etag", etagOf(version));
      return { version };
    },
  );
}
