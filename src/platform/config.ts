import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const booleanFromEnv = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** Every setting Samen reads from the environment. Read once, at start; a wrong value stops the process. */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    HOST: z.string().min(1).default("127.0.0.1"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: z.url().optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// connection URL")
      .optional(),
    SAMEN_DATA_DIR: z.string().min(1).default("./.samen"),
    SAMEN_DEMO: booleanFromEnv.optional(),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    SESSION_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(12),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional(),
    MAIL_FROM: z.string().min(3).default("Samen <noreply@samen.localhost>"),
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_ORGANISATION_CLAIM: z.string().min(1).default("organisation"),
    OIDC_ROLE_CLAIM: z.string().min(1).default("samen_role"),
    OIDC_ALLOW_HTTP: booleanFromEnv.default(false),
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(50 * 1024 * 1024)
      .default(1024 * 1024),
    SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
    NEWSLETTER_RATE: z.coerce.number().int().min(1).max(1000).default(10),
    OCDS_PREFIX: z
      .string()
      .regex(/^ocds-[a-z0-9]{6}$/, "an ocid prefix is ocds- and six letters or digits, as registered")
      .default("ocds-samen0"),
    SEARCH_CACHE_SIZE: z.coerce.number().int().min(0).max(100_000).default(1000),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production") {
      if (!env.SESSION_SECRET)
        ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required in production" });
      if (env.SAMEN_DEMO)
        ctx.addIssue({ code: "custom", path: ["SAMEN_DEMO"], message: "demo mode cannot run in production" });
    }
    if (env.OIDC_ISSUER && !(env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET))
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_CLIENT_ID"],
        message: "OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required with OIDC_ISSUER",
      });
  });

export type RawConfig = z.infer<typeof configSchema>;

export interface Config {
  env: RawConfig["NODE_ENV"];
  host: string;
  port: number;
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  /** Catalogue searches whose results are kept in memory (0: none). */
  searchCacheSize: number;
  sessionSecret: string;
  sessionTtlMs: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  oidc:
    | {
        issuer: string;
        clientId: string;
        clientSecret: string;
        organisationClaim: string;
        roleClaim: string;
        allowHttp: boolean;
      }
    | undefined;
  bodyLimit: number;
  signInRateLimit: number;
  /** Newsletter mails sent a second at most, so the mail server takes them. */
  newsletterRate: number;
  /** The publisher's prefix of Open Contracting process identifiers (registered with the Open Contracting Partnership). */
  ocdsPrefix: string;
  logLevel: RawConfig["LOG_LEVEL"];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);
export const isLoopback = (host: string) => LOOPBACK.has(host) || host.startsWith("127.");

/**
 * Parses the environment into a Config. Throws ConfigError naming every bad variable.
 * Outside production, a session secret is created once in the data folder so sessions survive a restart.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`));
  }
  const raw = parsed.data;
  const demo = raw.SAMEN_DEMO ?? raw.NODE_ENV !== "production";
  if (demo && !isLoopback(raw.HOST)) {
    throw new ConfigError([
      `HOST: demo mode only listens on localhost (got ${raw.HOST}); set SAMEN_DEMO=false to serve on other addresses`,
    ]);
  }
  const dataDir = path.resolve(raw.SAMEN_DATA_DIR);
  const displayHost = raw.HOST.includes(":") && !raw.HOST.startsWith("[") ? `[${raw.HOST}]` : raw.HOST;
  return {
    env: raw.NODE_ENV,
    host: raw.HOST,
    port: raw.PORT,
    publicUrl: (raw.PUBLIC_URL ?? `http://${displayHost}:${raw.PORT}`).replace(/\/$/, ""),
    databaseUrl: raw.DATABASE_URL,
    dataDir,
    demo,
    sessionSecret: raw.SESSION_SECRET ?? localSecret(dataDir),
    sessionTtlMs: raw.SESSION_TTL_HOURS * 3600_000,
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM,
    oidc:
      raw.OIDC_ISSUER && raw.OIDC_CLIENT_ID && raw.OIDC_CLIENT_SECRET
        ? {
            issuer: raw.OIDC_ISSUER,
            clientId: raw.OIDC_CLIENT_ID,
            clientSecret: raw.OIDC_CLIENT_SECRET,
            organisationClaim: raw.OIDC_ORGANISATION_CLAIM,
            roleClaim: raw.OIDC_ROLE_CLAIM,
            allowHttp: raw.OIDC_ALLOW_HTTP,
          }
        : undefined,
    bodyLimit: raw.BODY_LIMIT_BYTES,
    signInRateLimit: raw.SIGN_IN_RATE_LIMIT,
    newsletterRate: raw.NEWSLETTER_RATE,
    ocdsPrefix: raw.OCDS_PREFIX,
    searchCacheSize: raw.SEARCH_CACHE_SIZE,
    logLevel: raw.LOG_LEVEL,
  };
}

function localSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
