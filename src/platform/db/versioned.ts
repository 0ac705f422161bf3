import { and, eq, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { AppError } from "../errors.ts";
import type { Tx } from "./client.ts";

/** A change refused because someone changed the thing since it was read (`what` names it for the reader of the code). */
export const stale = (_what: string, expected: number, current: number) =>
  new AppError("precondition_failed", "problem.stale", undefined, { expected, current });

type Versioned = PgTable & { id: PgColumn; version: PgColumn; updatedAt: PgColumn };

/**
 * Writes `changes` to one row only if it is still at the version the writer read (optimistic concurrency): a second
 * editor who read the same version is told, with nothing saved, instead of overwriting the first. Returns the new
 * version. The caller has read the row (and checked the policy) inside the same transaction.
 */
export async function updateVersioned(
  tx: Tx,
  table: Versioned,
  id: string,
  read: { version: number },
  expectedVersion: number,
  changes: Record<string, unknown>,
  what: string,
): Promise<number> {
  if (read.version !== expectedVersion) throw stale(what, expectedVersion, read.version);
  const [updated] = (await tx
    .update(table)
    .set({ ...changes, version: sql`${table.version} + 1`, updatedAt: new Date() } as never)
    .where(and(eq(table.id, id), eq(table.version, expectedVersion)))
    .returning({ version: table.version })) as { version: number }[];
  if (!updated) throw stale(what, expectedVersion, expectedVersion + 1);
  return updated.version;
}

/** The values a change replaces, read before it, for the audit record's `before` (same keys as the change). */
export function previousValues(read: object, changes: object): Record<string, unknown> {
  const row = read as Record<string, unknown>;
  return Object.fromEntries(Object.keys(changes).map((key) => [key, row[key] ?? null]));
}

type PerOrganisation = PgTable & { organisationId: PgColumn; version: PgColumn; updatedAt: PgColumn };

/**
 * Writes the one row an organisation has in `table` (its public page, its chapter) only if it is still at the
 * version the writer read; version 0 is "no row yet", so two first saves do not both succeed. Returns the new
 * version. The caller has read `current` (0 without a row) and checked the policy in the same transaction.
 */
export async function putPerOrganisation(
  tx: Tx,
  table: PerOrganisation,
  organisationId: string,
  current: number,
  expectedVersion: number,
  values: Record<string, unknown>,
): Promise<number> {
  const changed = () => new AppError("precondition_failed", "versioned.changedSinceRead");
  if (current !== expectedVersion) throw changed();
  const rows = (
    expectedVersion === 0
      ? await tx
          .insert(table)
          .values({ ...values, organisationId } as never)
          .onConflictDoNothing()
          .returning({ version: table.version })
      : await tx
          .update(table)
          .set({ ...values, version: sql`${table.version} + 1`, updatedAt: new Date() } as never)
          .where(and(eq(table.organisationId, organisationId), eq(table.version, expectedVersion)))
          .returning({ version: table.version })
  ) as { version: number }[];
  const [row] = rows;
  if (!row) throw changed();
  return row.version;
}
