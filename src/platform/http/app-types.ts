import type { Actor } from "../auth/actor.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import type { Mailer } from "../mail.ts";

export interface Platform {
  config: Config;
  database: Database;
  mailer: Mailer;
  /** The scheduled jobs, when this process runs them: asks for a run now, without waiting for it. */
  jobs?: { trigger(name: string): void };
}

declare module "fastify" {
  interface FastifyInstance {
    platform: Platform;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in; every other /api route refuses anonymous requests before validation. */
    public?: boolean;
  }
}
