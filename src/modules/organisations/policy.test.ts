import { describe, expect, it } from "vitest";
import type { Actor } from "../../platform/auth/actor.ts";
import { organisationPolicy, registerPolicy } from "./policy.ts";

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

describe("the register policy", () => {
  it("lets only platform administrators, acting as people or with a writing token, import, merge or create users", () => {
    for (const action of ["import", "merge", "createUser"] as const) {
      expect(registerPolicy[action](actor({ organisationId: null, role: null, isPlatformAdmin: true }), null)).toBe(
        true,
      );
      expect(registerPolicy[action](actor({}), null)).toBe(false);
      expect(
        registerPolicy[action](actor({ isPlatformAdmin: true, kind: "token", tokenId: "t", scopes: ["read"] }), null),
      ).toBe(false);
    }
  });
});
