import type { Policy } from "../../platform/policy.ts";

/**
 * An organisation's opportunities follow from the register, which every signed-in actor reads: who it borders, and
 * what they take part in. Anyone signed in may read them.
 */
export const opportunitiesPolicy: Policy<{ organisationId: string }, "read"> = {
  read: () => true,
};
