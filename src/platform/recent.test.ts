import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Recent } from "./recent.ts";

describe("the most recently used entries", () => {
  it("keeps exactly the `size` keys last read or written, each with its last value", () => {
    const operation = fc.tuple(fc.constantFrom("get", "set"), fc.integer({ min: 0, max: 9 }), fc.integer());
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.array(operation, { maxLength: 80 }), (size, operations) => {
        const recent = new Recent<number, number>(size);
        // The reference: every key with its value, and the order of last use.
        const values = new Map<number, number>();
        let order: number[] = [];
        const touch = (key: number) => {
          order = [...order.filter((k) => k !== key), key];
        };
        for (const [kind, key, value] of operations) {
          if (kind === "set") {
            if (size === 0) continue;
            values.set(key, value);
            touch(key);
            const gone = order.length > size ? order.shift() : undefined;
            if (gone !== undefined) values.delete(gone);
          } else {
            expect(recent.get(key)).toBe(values.get(key));
            if (values.has(key)) touch(key);
            continue;
          }
          recent.set(key, value);
        }
        expect(recent.count).toBe(values.size);
        expect(recent.count).toBeLessThanOrEqual(size);
      }),
    );
  });
});
