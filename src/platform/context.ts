import type { Actor } from "./auth/actor.ts";

/** What every use case is told about the request it serves: who acts, and the request id for the audit trail. */
export interface RequestContext {
  actor: Actor;
  requestId: string | null;
}

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
});
