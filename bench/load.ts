/** The load generator: autocannon against one URL, a warm-up, then the measured period. */
import autocannon from "autocannon";

export interface LoadFigures {
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  /** With tokens: how many were used (each once). */
  tokensUsed?: number;
  /** With a sequence of paths: how the search's result cache answered (its server-timing header), when it said. */
  cache?: { hit: number; shared: number; miss: number; hitRate: number };
}

/** autocannon reports p90 and p97.5; p95 is interpolated between them. */
function percentile95(result: autocannon.Result): number {
  const { p90, p97_5 } = result.latency;
  return Math.round((p90 + ((p97_5 - p90) * 5) / 7.5) * 100) / 100;
}

export async function load(
  url: string,
  headers: Record<string, string>,
  options: {
    connections: number;
    duration: number;
    paths?: string[];
    /** Paths taken one after the other by whichever connection sends next: no connection walks them in lockstep. */
    sequence?: string[];
    post?: string;
    tokens?: string[];
  },
): Promise<LoadFigures> {
  // Each request with the next token (its own organisation), so no answer is submitted twice.
  let next = 0;
  let step = 0;
  const sequence = options.sequence ?? [];
  const answered = { hit: 0, shared: 0, miss: 0 };
  let measuring = false;
  const tokens = options.tokens;
  const settings = {
    url,
    connections: options.connections,
    headers: options.post ? { ...headers, "content-type": "application/json" } : headers,
    timeout: 30,
    ...(options.post ? { method: "POST" as const, body: options.post } : {}),
    // Several paths are requested in turn by every connection.
    ...(options.paths ? { requests: options.paths.map((path) => ({ method: "GET" as const, path })) } : {}),
    ...(options.sequence
      ? {
          requests: [
            {
              method: "GET" as const,
              setupRequest: (request: autocannon.Request) => ({
                ...request,
                path: sequence[step++ % sequence.length] as string,
              }),
              onResponse: (
                _status: number,
                _body: string,
                _context: unknown,
                headers?: Record<string, string | string[] | undefined>,
              ) => {
                const from = /desc=(hit|shared|miss)/.exec(String(headers?.["server-timing"] ?? ""))?.[1];
                if (from && measuring) answered[from as "hit" | "shared" | "miss"]++;
              },
            },
          ],
        }
      : {}),
    ...(tokens
      ? {
          requests: [
            {
              method: "POST" as const,
              path: new URL(url).pathname,
              setupRequest: (request: autocannon.Request) => ({
                ...request,
                headers: {
                  ...request.headers,
                  authorization: `Bearer ${tokens[next++ % tokens.length]}`,
                  "if-match": '"v1"',
                },
              }),
            },
          ],
        }
      : {}),
  };
  // Warm up caches and the JIT, then measure.
  await autocannon({ ...settings, duration: 2 });
  measuring = true;
  const result = await autocannon({ ...settings, duration: options.duration });
  measuring = false;
  const said = answered.hit + answered.shared + answered.miss;
  // A wrong answer invalidates the run; a request that timed out is a figure, reported with the others.
  if (tokens && next > tokens.length) throw new Error(`${url}: more requests (${next}) than prepared answers`);
  if (result.non2xx > 0) {
    throw new Error(`${url}: ${result.non2xx} answers were not 2xx (${JSON.stringify(result.statusCodeStats)})`);
  }
  return {
    errors: result.errors + result.timeouts,
    p50: result.latency.p50,
    p95: percentile95(result),
    p99: result.latency.p99,
    rps: Math.round(result.requests.average),
    ...(tokens ? { tokensUsed: next } : {}),
    ...(said ? { cache: { ...answered, hitRate: Math.round((answered.hit / said) * 1000) / 1000 } } : {}),
  };
}
