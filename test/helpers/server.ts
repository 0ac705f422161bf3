import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { type Config, loadConfig } from "../../src/platform/config.ts";
import type { Database } from "../../src/platform/db/client.ts";
import { freePort } from "../../src/platform/net.ts";
import { buildServer } from "../../src/server.ts";
import { createTestDatabase } from "./database.ts";

export interface TestServer {
  app: FastifyInstance;
  database: Database;
  config: Config;
  url: string;
  close(): Promise<void>;
}

/** Samen on a real socket on loopback, over a fresh copy of the template database. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), "samen-test-"));
  // The port is chosen before the server is built, so links in mails carry the real address.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const config = loadConfig({
    NODE_ENV: "test",
    SAMEN_DATA_DIR: dataDir,
    SESSION_SECRET: "test-secret-that-is-long-enough-to-pass",
    SAMEN_DEMO: "false",
    LOG_LEVEL: "silent",
    PORT: String(port),
    ...env,
  });
  const app = await buildServer({ config, database, logger: false });
  await app.listen({ host: "127.0.0.1", port });
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    database,
    config,
    url,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** A small HTTP client that keeps its session cookie, like a browser tab. */
export class Client {
  private cookies = new Map<string, string>();
  constructor(
    private readonly base: string,
    private readonly defaults: Record<string, string> = {},
  ) {}

  async request(
    method: string,
    url: string,
    options: { json?: unknown; body?: string | Uint8Array; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...this.defaults, ...options.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    let body = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers["content-type"] ??= "application/json";
    }
    const response = await fetch(`${this.base}${url}`, {
      method,
      headers,
      body: body as BodyInit | undefined,
      redirect: "manual",
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...rest] = (pair ?? "").split("=");
      if (!name) continue;
      const value = rest.join("=");
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    let data: any = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = text;
    }
    return { status: response.status, headers: response.headers, data };
  }

  /** A file (PDF, spreadsheet) as bytes, with the session. */
  async download(url: string) {
    const headers: Record<string, string> = { ...this.defaults };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const response = await fetch(`${this.base}${url}`, { headers });
    return {
      status: response.status,
      type: response.headers.get("content-type"),
      headers: response.headers,
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  }

  get = (url: string, headers?: Record<string, string>) => this.request("GET", url, headers ? { headers } : {});
  post = (url: string, json?: unknown, headers?: Record<string, string>) =>
    this.request("POST", url, { json, ...(headers ? { headers } : {}) });
  patch = (url: string, json: unknown, headers?: Record<string, string>) =>
    this.request("PATCH", url, { json, ...(headers ? { headers } : {}) });
  put = (url: string, json: unknown) => this.request("PUT", url, { json });
  delete = (url: string) => this.request("DELETE", url);
  cookie = (name: string) => this.cookies.get(name);
}
