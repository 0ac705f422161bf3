import { asc, gt, type SQL, sql } from "drizzle-orm";
import type { TypedQueryBuilder } from "drizzle-orm/query-builders/query-builder";
import { sha256 } from "./auth/secrets.ts";
import { canonicalJson } from "./canonical-json.ts";
import type { RequestContext } from "./context.ts";
import type { Queryable, Tx } from "./db/client.ts";
import { auditEvents } from "./db/schema.ts";

export { canonicalJson };

export const genesisHash = "0".repeat(64);

/** The chain an event belongs to: its owning organisation's, or the platform's. */
export const chainKeyOf = (ownerOrganisationId: string | null) =>
  ownerOrganisationId ? `org:${ownerOrganisationId}` : "platform";

export interface AuditInput {
  entityType: string;
  entityId: string;
  ownerOrganisationId: string | null;
  action: string;
  before?: unknown;
  after?: unknown;
}

interface ChainedFields {
  at: string;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorOrganisationId: string | null;
  /** Under a mandate, the organisation acted for; absent otherwise, so earlier events keep their hashes. */
  forOrganisationId?: string | undefined;
  entityType: string;
  entityId: string;
  ownerOrganisationId: string | null;
  action: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  /** Absent for events of the single chain before chains were split, so their hashes stay what they were. */
  chainKey?: string | undefined;
}

export const hashEvent = (prevHash: string, fields: ChainedFields) => sha256(prevHash + canonicalJson(fields));

/** Plain JSON of a value, as it will read back from a jsonb column. */
const asJson = (value: unknown) => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

/** Records one change in the audit trail, inside the transaction that makes the change. */
export async function recordAudit(tx: Tx, ctx: RequestContext, input: AuditInput): Promise<void> {
  await tx.execute(sql`SELECT ${auditAppend(ctx, input)}`);
}

/**
 * A write (an UPDATE or INSERT … RETURNING every column) and its audit event as one statement, `audit` being
 * auditAppend(…), or auditAppendPlaceholder() for a statement prepared once: the event is appended for each row
 * written, in the same statement, so both happen or neither. Its rows are the rows written, with `audited` beside
 * their columns. The write's row lock and the chain's are taken in one round trip, and without a transaction
 * around it, released as it ends.
 */
export function auditedWrite<Row>(
  db: Queryable,
  write: TypedQueryBuilder<Record<string, unknown>, Row[]>,
  audit: SQL,
): AuditedWrite<Row> {
  const written = db.$with("written").as(write as unknown as TypedQueryBuilder<{ id: SQL }>);
  const fields = written as unknown as Record<string, SQL>;
  const columns = Object.fromEntries(Object.keys(written._.selectedFields).map((key) => [key, fields[key] as SQL]));
  return db
    .with(written)
    .select({ ...columns, audited: sql`${audit}` })
    .from(written) as unknown as AuditedWrite<Row>;
}

/** The statement auditedWrite makes: run as it is, or prepared once. */
type AuditedWrite<Row> = PromiseLike<(Row & { audited: unknown })[]> & {
  prepare(name: string): { execute(parameters?: Record<string, unknown>): Promise<(Row & { audited: unknown })[]> };
};

/** The values of one event for audit_append, in its order. */
function auditValues(ctx: RequestContext, input: AuditInput) {
  const chainKey = chainKeyOf(input.ownerOrganisationId);
  const fields: ChainedFields = {
    at: new Date().toISOString(),
    actorUserId: ctx.actor.userId,
    actorTokenId: ctx.actor.tokenId,
    // Under a mandate the person's own organisation acts, for the one whose data it is.
    actorOrganisationId: ctx.actor.mandate?.receiverId ?? ctx.actor.organisationId,
    forOrganisationId: ctx.actor.mandate ? (ctx.actor.organisationId ?? undefined) : undefined,
    entityType: input.entityType,
    entityId: input.entityId,
    ownerOrganisationId: input.ownerOrganisationId,
    action: input.action,
    before: asJson(input.before),
    after: asJson(input.after),
    requestId: ctx.requestId,
    chainKey,
  };
  return {
    chainKey,
    at: fields.at,
    actorUserId: fields.actorUserId,
    actorTokenId: fields.actorTokenId,
    actorOrganisationId: fields.actorOrganisationId,
    forOrganisationId: fields.forOrganisationId ?? null,
    entityType: fields.entityType,
    entityId: fields.entityId,
    ownerOrganisationId: fields.ownerOrganisationId,
    action: fields.action,
    before: jsonParam(fields.before),
    after: jsonParam(fields.after),
    requestId: fields.requestId,
    canonical: canonicalJson(fields),
  };
}
type AuditValues = ReturnType<typeof auditValues>;
const auditKeys: readonly (keyof AuditValues)[] = [
  "chainKey",
  "at",
  "actorUserId",
  "actorTokenId",
  "actorOrganisationId",
  "forOrganisationId",
  "entityType",
  "entityId",
  "ownerOrganisationId",
  "action",
  "before",
  "after",
  "requestId",
  "canonical",
];

/**
 * One round trip (migration 0010): the chain's lock, its last hash read after the lock, and the event with
 * hashEvent(previous, fields) computed by the database over the canonical JSON made here. Only writers of the same
 * chain wait for each other, until their transactions end.
 */
const auditCall = (v: Record<keyof AuditValues, unknown>) => sql`audit_append(
    ${v.chainKey}, ${v.at}::timestamptz, ${v.actorUserId}::uuid, ${v.actorTokenId}::uuid,
    ${v.actorOrganisationId}::uuid, ${v.forOrganisationId}::uuid, ${v.entityType}, ${v.entityId}, ${v.ownerOrganisationId}::uuid,
    ${v.action}, ${v.before}::jsonb, ${v.after}::jsonb, ${v.requestId},
    ${v.canonical})`;

/**
 * The call that appends one event to its chain, as an expression: for a write that is one statement (an UPDATE in
 * a WITH, the event appended in the same statement, so both happen or neither), `SELECT … , ${auditAppend(…)}`.
 */
export const auditAppend = (ctx: RequestContext, input: AuditInput): SQL => auditCall(auditValues(ctx, input));

/**
 * The same call with placeholders (`audit.chainKey`, …), for a statement prepared once (preparedOn); its values for
 * one event come from auditParameters.
 */
export const auditAppendPlaceholder = (): SQL =>
  auditCall(
    Object.fromEntries(auditKeys.map((k) => [k, sql.placeholder(`audit.${k}`)])) as Record<keyof AuditValues, unknown>,
  );

export const auditParameters = (ctx: RequestContext, input: AuditInput): Record<string, unknown> =>
  Object.fromEntries(Object.entries(auditValues(ctx, input)).map(([k, v]) => [`audit.${k}`, v]));

/** A JSON value as a parameter for a jsonb column: SQL null stays null. */
const jsonParam = (value: unknown) => (value === null ? null : JSON.stringify(value));

export interface VerifyResult {
  checked: number;
  /** The first event whose hash or link does not hold, if any. */
  brokenAt: number | null;
  reason: string | null;
}

/** Walks every chain in order and recomputes every hash: the single chain of older events, then one per owner. */
export async function verifyAuditChain(db: Queryable, batchSize = 5_000): Promise<VerifyResult> {
  const previous = new Map<string, string>();
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, lastId))
      .orderBy(asc(auditEvents.id))
      .limit(batchSize);
    if (rows.length === 0) return { checked, brokenAt: null, reason: null };
    for (const row of rows) {
      const chain = row.chainKey ?? "";
      const prevHash = previous.get(chain) ?? genesisHash;
      if (row.prevHash !== prevHash) return { checked, brokenAt: row.id, reason: "link to the previous event broken" };
      if (row.chainKey !== null && row.chainKey !== chainKeyOf(row.ownerOrganisationId)) {
        return { checked, brokenAt: row.id, reason: "event is in another organisation's chain" };
      }
      const expected = hashEvent(prevHash, {
        at: row.at.toISOString(),
        actorUserId: row.actorUserId,
        actorTokenId: row.actorTokenId,
        actorOrganisationId: row.actorOrganisationId,
        forOrganisationId: row.forOrganisationId ?? undefined,
        entityType: row.entityType,
        entityId: row.entityId,
        ownerOrganisationId: row.ownerOrganisationId,
        action: row.action,
        before: row.before,
        after: row.after,
        requestId: row.requestId,
        chainKey: row.chainKey ?? undefined,
      });
      if (expected !== row.hash) return { checked, brokenAt: row.id, reason: "content does not match its hash" };
      previous.set(chain, row.hash);
      lastId = row.id;
      checked++;
    }
  }
}
