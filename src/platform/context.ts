import type { Actor } from "./auth/actor.ts";
import { type Language, languageOfEnvironment } from "./i18n.ts";

/**
 * What every use case is told about the request it serves: who acts, the request id for the audit trail, and the
 * language to word its messages in (Dutch when not said).
 */
export interface RequestContext {
  actor: Actor;
  requestId: string | null;
  language?: Language;
}

/** The language a use case words its messages in. */
export const languageOfContext = (ctx: RequestContext): Language => ctx.language ?? "nl";

/** The context of a command-line run: the platform itself acting, recorded as such. */
export const systemContext = (what: string): RequestContext => ({
  actor: {
    kind: "user",
    userId: null,
    tokenId: null,
    name: `system:${what}`,
    isPlatformAdmin: true,
    organisationId: null,
    role: null,
    scopes: null,
  },
  requestId: null,
  language: languageOfEnvironment(),
});
