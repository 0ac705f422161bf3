import type { FastifyRequest } from "fastify";

/** Paths in log lines that may carry secrets; pino replaces their values. */
export const logRedaction = [
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "*.password",
  "*.token",
];

/** Query parameters whose values never reach the logs (one-time codes and tokens). */
const secretParams = /([?&](?:code|state|token|access_token|id_token|session_state|t)=)[^&]*/gi;

/** Paths that are secrets themselves: a calendar feed's address stands in for signing in. */
const secretPaths = /^(\/api\/(?:calendar|deployment-feeds)\/)[^/?#]+/;

/** A request's address as the logs may keep it: secret query values and secret paths replaced. */
export function loggableUrl(url: string): string {
  return url.replace(secretPaths, "$1[redacted]").replace(secretParams, "$1[redacted]");
}

/** Logs a request by method, path and id; secrets in its address are replaced. */
export function requestSerializer(request: FastifyRequest) {
  return {
    id: request.id,
    method: request.method,
    url: loggableUrl(request.url),
    remoteAddress: request.ip,
  };
}
