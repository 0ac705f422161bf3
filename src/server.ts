import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import { accountRoutes } from "./modules/accounts/routes.ts";
import { calendarRoutes } from "./modules/agreements/calendar-routes.ts";
import { calendarRemindersJob } from "./modules/agreements/reminders.ts";
import { agreementRoutes } from "./modules/agreements/routes.ts";
import { staffRoutes } from "./modules/agreements/staff-routes.ts";
import { auditRoutes } from "./modules/audit/routes.ts";
import { catalogueRoutes } from "./modules/catalogue/routes.ts";
import { collaborationRoutes } from "./modules/collaborations/routes.ts";
import { councilRoutes } from "./modules/council/routes.ts";
import { frontOfficeRoutes } from "./modules/frontoffice/routes.ts";
import { geographyRoutes } from "./modules/geography/routes.ts";
import { mandateAllows } from "./modules/mandates/policy.ts";
import { mandateRoutes } from "./modules/mandates/routes.ts";
import { newsletterRoutes } from "./modules/newsletter/routes.ts";
import { newsletterSendJob } from "./modules/newsletter/send.ts";
import { opportunityRoutes } from "./modules/opportunities/routes.ts";
import { organisationRoutes } from "./modules/organisations/routes.ts";
import { demandRemindersJob } from "./modules/procurement/reminders.ts";
import { procurementRoutes } from "./modules/procurement/routes.ts";
import { deploymentRoutes } from "./modules/projects/deployment-routes.ts";
import { documentRoutes } from "./modules/projects/document-routes.ts";
import { progressRoutes } from "./modules/projects/progress-routes.ts";
import { projectRoutes } from "./modules/projects/routes.ts";
import { surveyRoutes } from "./modules/surveys/routes.ts";
import { scanRoutes } from "./modules/surveys/scan-routes.ts";
import { systemRoutes } from "./modules/system/routes.ts";
import { tokenRoutes } from "./modules/tokens/routes.ts";
import { transferRoutes } from "./modules/transfer/routes.ts";
import { actorFromApiToken, actorFromSession, flushTokenUses, sessionCookie } from "./platform/auth/sessions.ts";
import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/db/client.ts";
import { AppError, type ErrorCode, type FieldError, toProblem, unauthenticated } from "./platform/errors.ts";
import type { Platform } from "./platform/http/app-types.ts";
import { unacceptableInput } from "./platform/http/input-guard.ts";
import { isMessageKey, type Language, languageOf, say, sayIssue } from "./platform/i18n.ts";
import { createJobRunner } from "./platform/jobs.ts";
import { logRedaction, requestSerializer } from "./platform/logging.ts";
import { createMailer, type Mailer } from "./platform/mail.ts";
import { projectPath } from "./platform/paths.ts";

export const webRoot = projectPath("dist", "web");

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "malformed_request",
  FST_ERR_CTP_EMPTY_JSON_BODY: "malformed_request",
  FST_ERR_CTP_BODY_TOO_LARGE: "payload_too_large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "malformed_request",
  FST_ERR_BAD_STATUS_CODE: "internal",
};

/**
 * The web app's Content-Security-Policy: scripts from Samen itself only, nothing inline, no other origin for
 * anything. Styles may be inline (`'unsafe-inline'` for `style-src` alone): the survey library writes `<style>`
 * elements and style attributes while it renders a form, with contents that depend on the form, so no list of
 * hashes can name them; a style cannot run code. The end-to-end tests fail a page on any refusal by the policy.
 */
const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/** The headers every answer carries, the router's own refusals included. */
function secureHeaders(request: FastifyRequest, reply: FastifyReply, config: Config) {
  reply.header("x-request-id", request.id);
  reply.header("x-content-type-options", "nosniff");
  reply.header("referrer-policy", "same-origin");
  reply.header("x-frame-options", "DENY");
  // A route may set a stricter policy of its own (files people sent: a sandbox), and the API reference sets its
  // library's; everything else gets Samen's.
  if (!reply.hasHeader("content-security-policy")) reply.header("content-security-policy", contentSecurityPolicy);
  if (config.env === "production" && config.publicUrl.startsWith("https:")) {
    reply.header("strict-transport-security", "max-age=31536000; includeSubDomains");
  }
  // What the API answers is personal or organisation-bound: no cache on the way keeps it, unless a route says.
  if (request.url.startsWith("/api/") && !reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
}

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Whether a change that rides on the session cookie comes from Samen's own pages (cross-site request forgery): a
 * browser names the page's origin on every such request (Origin, and Sec-Fetch-Site in current browsers), and it
 * must be Samen's own. A request without either header is not a browser's: it carries no ambient cookie by
 * accident. Safe methods change nothing and pass.
 */
function sameOriginOrNoBrowser(request: FastifyRequest, publicUrl: string): boolean {
  if (!unsafeMethods.has(request.method)) return true;
  const site = request.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const own = new Set([new URL(publicUrl).origin, `${request.protocol}://${request.host}`]);
  return own.has(origin);
}

/** Turns any error thrown while serving a request into one of the stable problem codes. */
function asAppError(error: FastifyError | Error, language: Language): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as FastifyError).validationContext ?? "body";
    const fields: FieldError[] = error.validation.flatMap((issue) => {
      const path = issue.instancePath.replace(/^\//, "").replaceAll("/", ".");
      const at = (name: string) => [where, path, name].filter(Boolean).join(".");
      const unknownKeys =
        issue.keyword === "unrecognized_keys" ? (issue.params.keys as string[] | undefined) : undefined;
      if (unknownKeys?.length)
        return unknownKeys.map((key) => ({ field: at(key), message: say(language, { key: "field.unknown" }) }));
      return [{ field: at(""), message: sayIssue(language, { ...issue.params, message: issue.message }) }];
    });
    return new AppError("validation_failed", `problem.invalidFields.${where}`, fields, { count: fields.length });
  }
  const fe = error as FastifyError;
  if (fe.code && fastifyCodes[fe.code]) {
    const code = fastifyCodes[fe.code] as ErrorCode;
    return new AppError(code, `problem.title.${code}`);
  }
  if (fe.statusCode === 429) return new AppError("rate_limited", "problem.tooManyAttempts");
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
    return new AppError("malformed_request", "problem.title.malformed_request");
  return new AppError("internal");
}

export interface ServerOptions {
  config: Config;
  database: Database;
  mailer?: Mailer;
  /** Whether to log requests (tests turn it off). */
  logger?: boolean;
  /** Whether to run the scheduled jobs (reminders); `samen serve` does, tests start them themselves. */
  jobs?: boolean;
}

/** The jobs Samen runs on a schedule. */
export const jobDefinitions = [calendarRemindersJob, newsletterSendJob, demandRemindersJob];

/** Assembles Samen's HTTP server: plugins, the error vocabulary, authentication, every module's routes. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { level: config.logLevel, redact: logRedaction, serializers: { req: requestSerializer } },
    bodyLimit: config.bodyLimit,
    trustProxy: config.env === "production",
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    // An address the router cannot read, or with a part over the length limit: a problem like any other.
    frameworkErrors: (error, request, reply) => {
      const appError =
        (error as FastifyError).code === "FST_ERR_MAX_PARAM_LENGTH"
          ? new AppError("uri_too_long", "problem.addressPartTooLong")
          : new AppError("malformed_request", "problem.addressInvalid");
      const answer = reply as unknown as FastifyReply;
      secureHeaders(request as unknown as FastifyRequest, answer, config);
      answer
        .status(appError.status)
        .header("content-type", "application/problem+json; charset=utf-8")
        .send(toProblem(appError, request.url.split("?")[0]?.slice(0, 200), request.id));
    },
  });
  const platform: Platform = {
    config,
    database,
    mailer: options.mailer ?? createMailer(database.db, { smtpUrl: config.smtpUrl, from: config.mailFrom }),
  };
  app.decorate("platform", platform);
  app.decorateRequest("actor", null);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error, request, reply) => {
    const language = languageOf(request.headers["accept-language"]);
    const found = asAppError(error as Error, language);
    // A detail or a field's message named by key is said in the request's language.
    const detail =
      found.detail && isMessageKey(found.detail)
        ? say(language, { key: found.detail, ...(found.params ? { params: found.params } : {}) })
        : found.detail;
    const appError =
      found.fields?.length || detail !== found.detail
        ? new AppError(
            found.code,
            detail,
            found.fields?.map((f) => ({
              field: f.field,
              message: sayIssue(language, { message: f.message, params: f.params }),
            })),
          )
        : found;
    if (appError.status >= 500) request.log.error({ err: error }, "request failed");
    reply
      .status(appError.status)
      .header("content-type", "application/problem+json; charset=utf-8")
      .send(
        toProblem(
          appError,
          request.url.split("?")[0],
          request.id,
          say(language, { key: `problem.title.${appError.code}` }),
        ),
      );
  });

  app.addHook("onSend", async (request, reply, payload) => {
    secureHeaders(request, reply, config);
    return payload;
  });

  await app.register(fastifyCompress, { threshold: 2048, encodings: ["br", "gzip"] });
  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(fastifyRateLimit, { global: false });

  // Who is asking: a bearer token, or else the session cookie.
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    const authorization = request.headers.authorization;
    if (authorization === undefined && !sameOriginOrNoBrowser(request, config.publicUrl)) {
      throw new AppError("forbidden", "problem.otherSite");
    }
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      request.actor = match?.[1] ? await actorFromApiToken(database.db, match[1]) : null;
      if (!request.actor) throw new AppError("unauthenticated", "problem.tokenUnknown");
      return;
    }
    const token = request.cookies[sessionCookie];
    if (token) {
      request.actor = await actorFromSession(
        database.db,
        { secret: config.sessionSecret, ttlMs: config.sessionTtlMs },
        token,
      );
    }
    // Deny by default: a route is open to anonymous callers only if it says so.
    const route = request.routeOptions;
    const docs = !!route.url && (route.url.startsWith("/api/docs") || route.url === "/api/openapi.json");
    const open = !route.url || route.config?.public === true || docs;
    if (!request.actor && !open) throw unauthenticated();
    // Under a mandate only the operations of its scopes are reachable (the mandates module's policy).
    if (request.actor?.mandate && route.url && !docs) {
      const operation = `${request.method} ${route.url.replace(/:(\w+)/g, "{$1}")}`;
      if (!mandateAllows(request.actor, operation)) throw new AppError("forbidden", "mandates.outOfScope");
    }
  });

  // Text no field accepts (NUL, lone surrogates) and absurd nesting are refused before any schema or use case sees
  // them: the same 400 on every route, instead of a database or a library failing on them.
  app.addHook("preValidation", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    for (const [where, value] of [
      ["params", request.params],
      ["querystring", request.query],
      ["body", request.body],
    ] as const) {
      const fault = unacceptableInput(value, where);
      if (fault) throw new AppError("validation_failed", `problem.unacceptableInput.${where}`, [fault]);
    }
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Samen API",
        version: "0.1.0",
        description:
          "The API of Samen, the platform on which local governments work together. Errors are RFC 9457 problem details; lists are keyset-paginated; updates need If-Match.",
        license: { name: "EUPL-1.2", url: "https://eupl.eu/1.2/en/" },
      },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: sessionCookie },
          bearer: { type: "http", scheme: "bearer", description: "An API token from `samen token create`" },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs", staticCSP: true });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await app.register(systemRoutes, { prefix: "/api" });
  await app.register(accountRoutes, { prefix: "/api" });
  await app.register(organisationRoutes, { prefix: "/api" });
  await app.register(mandateRoutes, { prefix: "/api" });
  await app.register(collaborationRoutes, { prefix: "/api" });
  await app.register(geographyRoutes, { prefix: "/api" });
  await app.register(catalogueRoutes, { prefix: "/api" });
  await app.register(frontOfficeRoutes, { prefix: "/api" });
  await app.register(agreementRoutes, { prefix: "/api" });
  await app.register(staffRoutes, { prefix: "/api" });
  await app.register(calendarRoutes, { prefix: "/api" });
  await app.register(projectRoutes, { prefix: "/api" });
  await app.register(deploymentRoutes, { prefix: "/api" });
  await app.register(progressRoutes, { prefix: "/api" });
  await app.register(documentRoutes, { prefix: "/api" });
  await app.register(newsletterRoutes, { prefix: "/api" });
  await app.register(procurementRoutes, { prefix: "/api" });
  await app.register(opportunityRoutes, { prefix: "/api" });
  await app.register(councilRoutes, { prefix: "/api" });
  await app.register(surveyRoutes, { prefix: "/api" });
  await app.register(scanRoutes, { prefix: "/api" });
  await app.register(tokenRoutes, { prefix: "/api" });
  await app.register(transferRoutes, { prefix: "/api" });
  await app.register(auditRoutes, { prefix: "/api" });

  const hasWeb = existsSync(`${webRoot}/index.html`);
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/") || request.url === "/api" || request.method !== "GET") {
      throw new AppError("not_found", "problem.noSuchRoute", undefined, {
        route: `${request.method} ${request.url.split("?")[0]}`,
      });
    }
    // Every other path belongs to the web app, which routes on the client.
    if (!hasWeb) return reply.type("text/plain").status(503).send("The web app is not built: run `npm run build`.");
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });

  if (options.jobs) {
    const jobs = createJobRunner(
      {
        databaseUrl: config.databaseUrl,
        onError: (error, job) => app.log.error({ err: error, job }, "scheduled job failed"),
      },
      {
        db: database.db,
        mailer: platform.mailer,
        publicUrl: config.publicUrl,
        now: () => new Date(),
        secret: config.sessionSecret,
        newsletterRate: config.newsletterRate,
      },
      jobDefinitions,
    );
    platform.jobs = { trigger: (name) => jobs.trigger(name) };
    // A newsletter send that was under way when the process stopped goes on at once.
    app.addHook("onReady", async () => {
      await jobs.start();
      platform.jobs?.trigger(newsletterSendJob.name);
    });
    app.addHook("onClose", async () => jobs.stop());
  }
  app.addHook("onClose", async () => platform.mailer.close());
  // The tokens' last uses noted but not yet written, before the database closes.
  app.addHook("onClose", async () => flushTokenUses(database.db));
  return app;
}
