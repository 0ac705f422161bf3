/**
 * The one error vocabulary of Samen: a stable code, mapped to an HTTP status in one table,
 * answered as RFC 9457 application/problem+json.
 */
export const errorStatus = {
  validation_failed: 400,
  malformed_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  uri_too_long: 414,
  precondition_required: 428,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export const errorTitles: Record<ErrorCode, string> = {
  validation_failed: "The request has invalid fields",
  malformed_request: "The request could not be read",
  unauthenticated: "Sign-in required",
  forbidden: "Not allowed",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  conflict: "Conflict",
  precondition_failed: "The resource changed since you read it",
  payload_too_large: "The request body is too large",
  unsupported_media_type: "Unsupported content type",
  unprocessable: "The content has errors",
  uri_too_long: "The address is too long",
  precondition_required: "If-Match header required",
  rate_limited: "Too many requests",
  internal: "Something went wrong on our side",
  unavailable: "Service unavailable",
};

/** One field at fault: a JSON pointer-like path and what is wrong with it (a key, with `params` to fill in). */
export interface FieldError {
  field: string;
  message: string;
  params?: Record<string, string | number>;
}

/**
 * A problem found while serving a request. `detail` and each field's `message` are keys of the server's catalogues
 * (`src/platform/messages/`), put into words in the request's language when the problem leaves Samen, with
 * `params` filled in; `scripts/server-messages.ts` (run in CI) fails on a sentence written instead of a key.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly fields?: FieldError[],
    readonly params?: Record<string, string | number>,
  ) {
    super(detail ?? errorTitles[code]);
    this.status = errorStatus[code];
  }
}

/** The camel-case key part of a thing's name: "newsletter issue" gives "newsletterIssue". */
export const thingKey = (what: string) => what.replace(/[ -](\w)/g, (_, c: string) => c.toUpperCase());

/** "Not found" for a thing ("survey", "newsletter issue"), said as `notFound.<thing>`: the same, missing or hidden. */
export const notFound = (what = "resource") => new AppError("not_found", `notFound.${thingKey(what)}`);
export const forbidden = (detail = "problem.forbidden") => new AppError("forbidden", detail);
export const unauthenticated = () => new AppError("unauthenticated", "problem.signIn");

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  requestId?: string;
}

export function toProblem(error: AppError, instance?: string, requestId?: string, title?: string): Problem {
  return {
    type: `https://samen.localhost/problems/${error.code.replaceAll("_", "-")}`,
    title: title ?? errorTitles[error.code],
    status: error.status,
    code: error.code,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(instance ? { instance } : {}),
    ...(error.fields?.length ? { errors: error.fields } : {}),
    ...(requestId ? { requestId } : {}),
  };
}
