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
const secretParams = /([?&](?:code|state|token|access_token|id_token|session_state)=)[^&]*/gi;

/** Logs a request by method, path and id; secret query values are replaced. */
export function requestSerializer(request: FastifyRequest) {
  return {
    id: request.id,
    method: request.method,
    url: request.url.replace(secretParams, "$1[redacted]"),
    remoteAddress: request.ip,
  };
}
