import { AppError } from "../../platform/errors.ts";
import { AllocationError } from "./allocation.ts";

/** The engine's field names, as the request names them: the budget's, or the actual figures'. */
export const budgetFields = { key: "key", accents: "accents", totalCents: "budgetCents" };
export const actualFields = { key: "actualKey", accents: "actualAccents", totalCents: "actualCents" };

/** Runs the engine to check a key and accents against the clients; its refusals become field errors. */
export function checked<T>(names: typeof budgetFields, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof AllocationError) {
      const [head = "", ...rest] = error.field.split(".");
      const field = [names[head as keyof typeof names] ?? head, ...rest].join(".");
      throw new AppError(
        "validation_failed",
        error.key,
        [{ field: `body.${field}`, message: error.key, params: error.params }],
        error.params,
      );
    }
    throw error;
  }
}
