import { describe, expect, it } from "vitest";
import type { Actor } from "../../platform/auth/actor.ts";
import { organisationPolicy } from "./policy.ts";

const hasselt = { id: "hasselt" };
const actor = (overrides: Partial<Actor>): Actor => ({
  kind: "user",
  userId: "u",
  tokenId: null,
  name: "n",
  isPlatformAdmin: false,
  organisationId: "hasselt",
  role: "admin",
  scopes: null,
  ...overrides,
});

describe("the organisation policy", () => {
  it("lets everyone signed in read the register", () => {
    expect(organisationPolicy.read(actor({ organisationId: "genk", role: "viewer" }), hasselt)).toBe(true);
  });
  it("lets only the organisation's administrators, and platform administrators, change it or see its people", () => {
    for (const action of ["update", "readUsers", "readAudit"] as const) {
      expect(organisationPolicy[action](actor({}), hasselt)).toBe(true);
      expect(organisationPolicy[action](actor({ role: "editor" }), hasselt)).toBe(false);
      expect(organisationPolicy[action](actor({ role: "viewer" }), hasselt)).toBe(false);
      expect(organisationPolicy[action](actor({ organisationId: "genk" }), hasselt)).toBe(false);
      expect(
        organisationPolicy[action](actor({ organisationId: null, role: null, isPlatformAdmin: true }), hasselt),
      ).toBe(true);
    }
  });
  it("does not let a read-only token change anything, nor any token manage tokens", () => {
    const token = actor({ kind: "token", tokenId: "t", scopes: ["read"] });
    expect(organisationPolicy.update(token, hasselt)).toBe(false);
    expect(organisationPolicy.update({ ...token, scopes: ["read", "write"] }, hasselt)).toBe(true);
    expect(organisationPolicy.manageTokens({ ...token, scopes: ["read", "write"] }, hasselt)).toBe(false);
  });
});
