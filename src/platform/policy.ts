import type { Actor } from "./auth/actor.ts";
import { AppError, notFound } from "./errors.ts";

/**
 * A policy: for each action, whether the actor may do it to the entity. Pure; no I/O. A policy that also answers
 * anonymous callers (a public catalogue) takes `Actor | null`.
 */
export type Policy<Entity, Action extends string, A extends Actor | null = Actor> = Record<
  Action,
  (actor: A, entity: Entity) => boolean
>;

/** What the actor may do to the entity, for the web app to show the right buttons. */
export function abilitiesOf<Entity, Action extends string, A extends Actor | null>(
  policy: Policy<Entity, Action, A>,
  actor: A,
  entity: Entity,
): Record<Action, boolean> {
  const result = {} as Record<Action, boolean>;
  for (const action of Object.keys(policy) as Action[]) result[action] = policy[action](actor, entity);
  return result;
}

/**
 * Throws unless the policy allows the action. With `conceal`, a refusal reads as "not found",
 * so a crafted request cannot learn whether another organisation's record exists.
 */
export function authorize<Entity, Action extends string, A extends Actor | null>(
  policy: Policy<Entity, Action, A>,
  actor: A,
  action: Action,
  entity: Entity,
  options: { conceal?: string } = {},
): void {
  if (policy[action](actor, entity)) return;
  if (options.conceal) throw notFound(options.conceal);
  throw new AppError("forbidden", "problem.forbidden");
}
