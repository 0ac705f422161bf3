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

/** One field at fault: a JSON pointer-like path and what is wrong with it. */
export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly fields?: FieldError[],
  ) {
    super(detail ?? errorTitles[code]);
    this.status = errorStatus[code];
  }
}

export const notFound = (what = "resource") => new AppError("not_found", `No such ${what}.`);
export const forbidden = (detail = "You are not allowed to do this.") => new AppError("forbidden", detail);
export const unauthenticated = () => new AppError("unauthenticated", "Sign in, or send a valid API token.");

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

export function toProblem(error: AppError, instance?: string, requestId?: string): Problem {
  return {
    type: `https://samen.localhost/problems/${error.code.replaceAll("_", "-")}`,
    title: errorTitles[error.code],
    status: error.status,
    code: error.code,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(instance ? { instance } : {}),
    ...(error.fields?.length ? { errors: error.fields } : {}),
    ...(requestId ? { requestId } : {}),
  };
}
