import { and, desc, eq, gte, lte, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Queryable, rowsOf, type Tx } from "../../platform/db/client.ts";
import { auditEvents, mandates, organisations, users } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { type MandateScope, mandatePolicy } from "./policy.ts";

const grantors = alias(organisations, "grantors");
const receivers = alias(organisations, "receivers");

/** Whether a mandate can be acted under today: accepted, begun, not ended. Dates as YYYY-MM-DD. */
export const mandateIsCurrent = (m: { status: string; startsOn: string; endsOn: string | null }, today: string) =>
  m.status === "accepted" && m.startsOn <= today && (m.endsOn === null || m.endsOn >= today);

const today = () => new Date().toISOString().slice(0, 10);

/** Mandates with the names of both sides, newest first. */
function mandatesWithNames(db: Queryable) {
  return db
    .select({ mandate: mandates, grantorName: grantors.name, receiverName: receivers.name })
    .from(mandates)
    .innerJoin(grantors, eq(grantors.id, mandates.grantorId))
    .innerJoin(receivers, eq(receivers.id, mandates.receiverId))
    .$dynamic();
}

type Row = Awaited<ReturnType<ReturnType<typeof mandatesWithNames>["execute"]>>[number];

/** A mandate as the API shows it, with what the actor may do to it. */
export function mandateView(row: Row, actor: Actor) {
  const m = row.mandate;
  return {
    id: m.id,
    grantor: { id: m.grantorId, name: row.grantorName },
    receiver: { id: m.receiverId, name: row.receiverName },
    scopes: m.scopes as MandateScope[],
    startsOn: m.startsOn,
    endsOn: m.endsOn,
    note: m.note,
    status: m.status,
    current: mandateIsCurrent(m, today()),
    createdAt: m.createdAt.toISOString(),
    answeredAt: m.answeredAt?.toISOString() ?? null,
    revokedAt: m.revokedAt?.toISOString() ?? null,
    version: m.version,
    abilities: {
      answer: m.status === "offered" && mandatePolicy.answer(actor, m),
      revoke: (m.status === "offered" || m.status === "accepted") && mandatePolicy.revoke(actor, m),
    },
  };
}

/** One mandate, for those who may read it; "not found" to everyone else. */
export async function mandateFor(db: Queryable, actor: Actor, id: string) {
  const [row] = await mandatesWithNames(db).where(eq(mandates.id, id));
  return checkedMandate(row, actor);
}

function checkedMandate(row: Row | undefined, actor: Actor) {
  if (!row) throw notFound("mandate");
  authorize(mandatePolicy, actor, "read", row.mandate, { conceal: "mandate" });
  return row;
}

/** The mandates an organisation gave and received, for its administrators. */
export async function listMandates(db: Queryable, actor: Actor, organisationId: string) {
  const probe = { grantorId: organisationId, receiverId: organisationId, status: "offered" as const };
  authorize(mandatePolicy, actor, "read", probe, { conceal: "organisation" });
  const rows = await mandatesWithNames(db)
    .where(or(eq(mandates.grantorId, organisationId), eq(mandates.receiverId, organisationId)))
    .orderBy(desc(mandates.createdAt));
  return {
    given: rows.filter((r) => r.mandate.grantorId === organisationId).map((r) => mandateView(r, actor)),
    received: rows.filter((r) => r.mandate.receiverId === organisationId).map((r) => mandateView(r, actor)),
    abilities: { grant: mandatePolicy.grant(actor, probe) },
  };
}

/** The mandates a person may act under today: current ones given to organisations they edit for. */
export async function mandatesToActUnder(db: Queryable, userId: string) {
  const rows = await rowsOf<{
    id: string;
    grantor_id: string;
    grantor_name: string;
    receiver_name: string;
    scopes: string[];
  }>(
    db,
    sql`
    SELECT m.id, m.grantor_id, g.name AS grantor_name, r.name AS receiver_name, m.scopes
    FROM mandates m
    JOIN user_roles ur ON ur.organisation_id = m.receiver_id AND ur.user_id = ${userId} AND ur.role IN ('editor', 'admin')
    JOIN organisations g ON g.id = m.grantor_id
    JOIN organisations r ON r.id = m.receiver_id
    WHERE m.status = 'accepted' AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on >= current_date)
    ORDER BY g.name, r.name`,
  );
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.grantor_id,
    organisationName: r.grantor_name,
    receiverName: r.receiver_name,
    scopes: r.scopes as MandateScope[],
  }));
}

/**
 * What was done under a mandate, newest first: the audit events of the receiver's people acting for the grantor
 * while it held. Both sides' administrators read it.
 */
export async function mandateActions(db: Queryable, actor: Actor, id: string) {
  const row = await mandateFor(db, actor, id);
  const m = row.mandate;
  const items = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actor: users.name,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      action: auditEvents.action,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        eq(auditEvents.actorOrganisationId, m.receiverId),
        eq(auditEvents.forOrganisationId, m.grantorId),
        gte(auditEvents.at, m.answeredAt ?? m.createdAt),
        m.revokedAt ? lte(auditEvents.at, m.revokedAt) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(200);
  return {
    mandate: mandateView(row, actor),
    items: items.map((i) => ({ ...i, at: i.at.toISOString() })),
  };
}

/** The mandate's row, taken for the rest of the transaction (two answers at once are answered once), as `mandateFor`. */
export async function lockedMandate(tx: Tx, actor: Actor, id: string) {
  const [row] = await mandatesWithNames(tx).where(eq(mandates.id, id)).for("update", { of: mandates });
  return checkedMandate(row, actor);
}
