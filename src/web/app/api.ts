import i18next from "i18next";

/** A problem answer from the API (RFC 9457), thrown by `api` for every 4xx and 5xx. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly fields: { field: string; message: string }[] = [],
  ) {
    super(detail);
  }
}

export interface ApiResponse<T> {
  data: T;
  etag: string | null;
}

/** The interface's language, sent with every call so that the server's messages come in it. */
export const languageHeader = (): Record<string, string> => ({ "accept-language": i18next.language || "nl" });

/** Calls the Samen API with the session cookie; returns the JSON body and the ETag, or throws ApiError. */
export async function api<T>(
  path: string,
  options: { method?: string; body?: unknown; ifMatch?: string | null; signal?: AbortSignal } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: "application/json", ...languageHeader() };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.ifMatch) headers["if-match"] = options.ifMatch;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: options.method ?? "GET",
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? null : JSON.stringify(options.body),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "network", "network");
  }
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) {
    const problem = (body ?? {}) as {
      code?: string;
      detail?: string;
      title?: string;
      errors?: { field: string; message: string }[];
    };
    throw new ApiError(
      response.status,
      problem.code ?? "internal",
      problem.detail ?? problem.title ?? response.statusText,
      problem.errors ?? [],
    );
  }
  return { data: body as T, etag: response.headers.get("etag") };
}

/** The field errors of an API problem, keyed by field name without its `body.` prefix. */
export const fieldErrors = (error: unknown): Record<string, string> =>
  error instanceof ApiError
    ? Object.fromEntries(error.fields.map((f) => [f.field.replace(/^body\./, ""), f.message]))
    : {};
