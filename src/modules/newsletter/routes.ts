import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { etagOf, expectedVersion } from "../../platform/http/etag.ts";
import { contextOf, mutate, requireActor } from "../../platform/http/request.ts";
import { ifMatch, problemResponses, uuidParam, writeProblemResponses } from "../../platform/http/schemas.ts";
import { languageOf } from "../../platform/i18n.ts";
import { archivedIssue, archiveFeed, archiveList } from "./archive.ts";
import { composeIssue, editIssue, listIssues, presentIssue } from "./issues.ts";
import { renderIssue } from "./render.ts";
import {
  addSubscriberBody,
  archivedIssueSchema,
  composeBody,
  editIssueBody,
  issueSchema,
  subscribeBody,
  subscriberListSchema,
  tokenBody,
} from "./schemas.ts";
import { issueContent, startSend } from "./send.ts";
import {
  addSubscriber,
  addSubscriberAsEditor,
  confirmSubscription,
  listSubscribers,
  unsubscribe,
} from "./subscribers.ts";

const tags = ["newsletter"];
const providerParam = z.object({ providerId: z.uuid({ message: "field.uuid" }) }).strict();

/** A provider's newsletter: subscribers with double opt-in, monthly drafts, sending, and the public archive. */
export async function newsletterRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { database, config, mailer } = base.platform;
  const { db } = database;
  const links = { mailer, publicUrl: config.publicUrl, secret: config.sessionSecret };

  // One-click unsubscribe (RFC 8058) posts a form: `List-Unsubscribe=One-Click`.
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  app.get(
    "/newsletters/:providerId/subscribers",
    {
      schema: {
        tags,
        summary: "A provider's subscribers with their status (its own people)",
        params: providerParam,
        response: { 200: subscriberListSchema, ...problemResponses },
      },
    },
    async (request) => listSubscribers(db, requireActor(request), request.params.providerId),
  );

  app.post(
    "/newsletters/:providerId/subscribers",
    {
      schema: {
        tags,
        summary: "Add a subscriber: a user of Samen is confirmed at once, anyone else gets a mail to confirm",
        params: providerParam,
        body: addSubscriberBody,
        response: { 202: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) =>
        addSubscriberAsEditor(tx, ctx, links, request.params.providerId, request.body),
      );
      return reply.status(202).send(null);
    },
  );

  app.post(
    "/newsletters/:providerId/subscribe",
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags,
        summary:
          "Subscribe yourself: a mail with a link to confirm follows (the answer never says whether the address was known)",
        security: [],
        params: providerParam,
        body: subscribeBody,
        response: { 202: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await database.db.transaction((tx) =>
        addSubscriber(tx, links, {
          providerId: request.params.providerId,
          ...request.body,
          language: languageOf(request.headers["accept-language"]),
        }),
      );
      await mailer.flush();
      return reply.status(202).send(null);
    },
  );

  app.post(
    "/newsletter-subscriptions/:id/confirm",
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: "Confirm a subscription with the token from the confirmation mail",
        security: [],
        params: uuidParam,
        body: tokenBody,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await database.db.transaction((tx) =>
        confirmSubscription(tx, config.sessionSecret, request.params.id, request.body.token),
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/newsletter-subscriptions/:id/unsubscribe",
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: "Unsubscribe with one click (RFC 8058: the mail client posts List-Unsubscribe=One-Click)",
        security: [],
        params: uuidParam,
        querystring: z.object({ t: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { message: "field.invalid" }) }).strict(),
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await database.db.transaction((tx) => unsubscribe(tx, config.sessionSecret, request.params.id, request.query.t));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/newsletters/:providerId/issues",
    {
      schema: {
        tags,
        summary: "A provider's issues, drafts included (its own people)",
        params: providerParam,
        response: { 200: z.object({ items: z.array(issueSchema) }), ...problemResponses },
      },
    },
    async (request) => listIssues(db, requireActor(request), request.params.providerId),
  );

  app.post(
    "/newsletters/:providerId/issues",
    {
      schema: {
        tags,
        summary: "Compose a draft for a month from its progress updates, new catalogue entries and closed surveys",
        params: providerParam,
        body: composeBody,
        response: { 201: issueSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const created = await mutate(request, (tx, ctx) =>
        composeIssue(tx, ctx, request.params.providerId, request.body.month, config.publicUrl),
      );
      const issue = await presentIssue(db, contextOf(request).actor, created.id);
      reply.status(201).header("etag", etagOf(issue.version));
      return issue;
    },
  );

  app.get(
    "/newsletter-issues/:id",
    {
      schema: {
        tags,
        summary: "One issue with how its deliveries stand",
        params: uuidParam,
        response: { 200: issueSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const issue = await presentIssue(db, requireActor(request), request.params.id);
      reply.header("etag", etagOf(issue.version));
      return issue;
    },
  );

  app.get(
    "/newsletter-issues/:id/preview",
    {
      schema: {
        tags,
        summary: "The issue as it will be mailed: HTML and plain text",
        params: uuidParam,
        response: { 200: z.object({ html: z.string(), text: z.string() }), ...problemResponses },
      },
    },
    async (request) => {
      await presentIssue(db, requireActor(request), request.params.id);
      return renderIssue(await issueContent({ db, publicUrl: config.publicUrl }, request.params.id), {
        unsubscribe: `${config.publicUrl}/nieuwsbrief/afmelden`,
      });
    },
  );

  app.patch(
    "/newsletter-issues/:id",
    {
      schema: {
        tags,
        summary: "Edit a draft: subject, introduction, items and their order (send If-Match with the ETag you read)",
        params: uuidParam,
        body: editIssueBody,
        headers: ifMatch,
        response: { 200: issueSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request.headers["if-match"]);
      await mutate(request, (tx, ctx) => editIssue(tx, ctx, request.params.id, version, request.body));
      const issue = await presentIssue(db, contextOf(request).actor, request.params.id);
      reply.header("etag", etagOf(issue.version));
      return issue;
    },
  );

  app.post(
    "/newsletter-issues/:id/send",
    {
      schema: {
        tags,
        summary: "Send a draft to every confirmed subscriber (in the background, at the configured rate)",
        params: uuidParam,
        response: { 202: issueSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => startSend(tx, ctx, request.params.id));
      base.platform.jobs?.trigger("newsletter-send");
      reply.status(202);
      return presentIssue(db, contextOf(request).actor, request.params.id);
    },
  );

  app.get(
    "/newsletters/:providerId/archive",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "The public archive of a provider's sent issues",
        security: [],
        params: providerParam,
        response: {
          200: z.object({
            provider: z.object({ id: z.uuid(), name: z.string() }),
            items: z.array(z.object({ id: z.uuid(), month: z.string(), subject: z.string(), sentAt: z.string() })),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => archiveList(db, request.params.providerId),
  );

  app.get(
    "/newsletter-archive/:id",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "A sent issue as the archive shows it",
        security: [],
        params: uuidParam,
        response: { 200: archivedIssueSchema, ...problemResponses },
      },
    },
    async (request) => archivedIssue(db, config.publicUrl, request.params.id),
  );

  app.get(
    "/newsletters/:providerId/feed.atom",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "The archive as an Atom feed",
        security: [],
        params: providerParam,
        response: { 200: z.string(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { xml } = await archiveFeed(db, config.publicUrl, request.params.providerId);
      reply
        .header("content-type", "application/atom+xml; charset=utf-8")
        .header("cache-control", "public, max-age=900");
      return xml;
    },
  );
}
