import { describe, expect, it } from "vitest";
import { FailureLimiter } from "./failure-limiter.ts";

describe("the failure limiter", () => {
  it("blocks a key after its failures in the window, and frees it when they fall out", () => {
    const limiter = new FailureLimiter(3, 60_000);
    for (const at of [0, 1_000, 2_000]) {
      expect(limiter.blocked("address|10.0.0.1", at)).toBe(false);
      limiter.fail("address|10.0.0.1", at);
    }
    expect(limiter.blocked("address|10.0.0.1", 3_000)).toBe(true);
    expect(limiter.blocked("address|10.0.0.2", 3_000)).toBe(false);
    expect(limiter.blocked("address|10.0.0.1", 60_001)).toBe(false);
  });

  it("forgets the oldest keys past its bound", () => {
    const limiter = new FailureLimiter(1, 60_000, 2);
    limiter.fail("a", 0);
    limiter.fail("b", 0);
    limiter.fail("c", 0);
    expect(limiter.blocked("a", 1)).toBe(false);
    expect(limiter.blocked("b", 1)).toBe(true);
    expect(limiter.blocked("c", 1)).toBe(true);
  });
});
