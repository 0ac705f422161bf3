import { describe, expect, it } from "vitest";
import { loggableUrl } from "./logging.ts";

describe("request addresses in the logs", () => {
  it("keep no one-time code, token or calendar feed address", () => {
    expect(loggableUrl("/api/auth/oidc/callback?code=abc123&state=xyz")).toBe(
      "/api/auth/oidc/callback?code=[redacted]&state=[redacted]",
    );
    expect(loggableUrl("/api/calendar/Zm9vYmFyYmF6cXV4cXV1eHh4eA.ics")).toBe("/api/calendar/[redacted]");
    expect(loggableUrl("/api/deployment-feeds/Zm9vYmFyYmF6cXV4cXV1eHh4eA.ics")).toBe(
      "/api/deployment-feeds/[redacted]",
    );
    // The one-click unsubscribe link of a newsletter carries its signed token as `t`.
    expect(loggableUrl("/api/newsletter-subscriptions/6ade89cb/unsubscribe?t=WTyL2mpfikzM")).toBe(
      "/api/newsletter-subscriptions/6ade89cb/unsubscribe?t=[redacted]",
    );
    expect(loggableUrl("/api/organisations?q=hasselt")).toBe("/api/organisations?q=hasselt");
  });
});
