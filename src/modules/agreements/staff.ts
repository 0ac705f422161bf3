import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { dutchOrder } from "../../platform/collation.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { staffTransferPeople, staffTransfers, worksCouncilConsultations } from "../../platform/db/schema.ts";
import { previousValues, updateVersioned } from "../../platform/db/versioned.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { isoDate, patchOf } from "../../platform/http/schemas.ts";
import { authorize } from "../../platform/policy.ts";
import { consultationBodies, consultationOutcomes, staffTransferStatuses } from "../../platform/vocabulary.ts";
import { namesOf } from "../organisations/queries.ts";
import { frameworkFor } from "./frameworks.ts";
import { consultationPolicy, hrOrganisationsOf, staffPolicy } from "./policy.ts";

export const personBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    personnelNumber: z.string().trim().max(50).nullish(),
    email: z.email().max(254).nullish(),
    notes: z.string().max(2000).nullish(),
  })
  .strict();

export const transferBody = z
  .object({
    reference: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[A-Za-z0-9._-]+$/, "letters, digits, dot, dash or underscore: a code, not a name"),
    function: z.string().trim().min(1).max(200),
    fte: z.number().gt(0).max(1.5).multipleOf(0.01),
    fromOrganisationId: z.uuid(),
    transferOn: isoDate,
    status: z.enum(staffTransferStatuses).default("planned"),
    person: personBody,
  })
  .strict();
export const transferChanges = patchOf(transferBody.omit({ fromOrganisationId: true }));

export const consultationBody = z
  .object({
    organisationId: z.uuid(),
    body: z.enum(consultationBodies),
    requestedOn: isoDate,
    adviceDueOn: isoDate.nullish(),
    advisedOn: isoDate.nullish(),
    outcome: z.enum(consultationOutcomes).default("pending"),
    note: z.string().max(2000).nullish(),
  })
  .strict();
export const consultationChanges = patchOf(consultationBody.omit({ organisationId: true }));

function checkInTerm(framework: { startsOn: string; endsOn: string | null }, date: string, field: string) {
  if (date < framework.startsOn || (framework.endsOn && date > framework.endsOn)) {
    throw new AppError("validation_failed", "problem.dateOutsideTerm", [
      framework.endsOn
        ? { field, message: "field.betweenDates", params: { from: framework.startsOn, until: framework.endsOn } }
        : { field, message: "field.fromDate", params: { from: framework.startsOn } },
    ]);
  }
}

const fte = (hundredths: number) => hundredths / 100;

/** What the audit trail keeps of a transfer: never who the person is, only that their details changed. */
const auditable = (t: Partial<z.infer<typeof transferBody>>) => {
  const { person, ...rest } = t;
  return person ? { ...rest, person: "recorded (visible to HR only)" } : rest;
};

/**
 * The staff side of a framework: totals for everyone who reads it, the transfers (with the person) for HR of the
 * host and of each origin, and the works councils' consultations.
 */
export async function getStaff(db: Queryable, actor: Actor, frameworkId: string) {
  const { framework, clientIds } = await frameworkFor(db, actor, frameworkId);
  const [rows, consultations] = await Promise.all([
    db
      .select()
      .from(staffTransfers)
      .leftJoin(staffTransferPeople, eq(staffTransferPeople.transferId, staffTransfers.id))
      .where(eq(staffTransfers.frameworkId, frameworkId))
      .orderBy(asc(staffTransfers.transferOn), asc(staffTransfers.reference)),
    db
      .select()
      .from(worksCouncilConsultations)
      .where(eq(worksCouncilConsultations.frameworkId, frameworkId))
      .orderBy(asc(worksCouncilConsultations.requestedOn)),
  ]);
  const names = await namesOf(db, [framework.hostId, ...clientIds]);
  const org = (id: string) => ({ id, name: names.get(id) ?? "" });

  const counting = rows.filter((r) => r.staff_transfers.status !== "withdrawn");
  const byStatus = staffTransferStatuses.map((status) => {
    const of = rows.filter((r) => r.staff_transfers.status === status);
    return { status, count: of.length, fte: fte(of.reduce((s, r) => s + r.staff_transfers.fteHundredths, 0)) };
  });
  const byOrigin = clientIds
    .map((id) => {
      const of = counting.filter((r) => r.staff_transfers.fromOrganisationId === id);
      return {
        organisation: org(id),
        count: of.length,
        fte: fte(of.reduce((s, r) => s + r.staff_transfers.fteHundredths, 0)),
      };
    })
    .sort((a, b) => dutchOrder(a.organisation.name, b.organisation.name));

  const visible = rows.filter((r) =>
    staffPolicy.seePerson(actor, {
      hostId: framework.hostId,
      fromOrganisationId: r.staff_transfers.fromOrganisationId,
    }),
  );
  const hrOf = hrOrganisationsOf(actor, [framework.hostId, ...clientIds]);
  return {
    totals: {
      count: counting.length,
      fte: fte(counting.reduce((s, r) => s + r.staff_transfers.fteHundredths, 0)),
      byStatus,
      byOrigin,
    },
    /** Null for whoever is not HR of the host or of an origin: they see the totals only. */
    transfers:
      hrOf.length === 0
        ? null
        : visible.map(({ staff_transfers: t, staff_transfer_people: p }) => ({
            id: t.id,
            reference: t.reference,
            function: t.function,
            fte: fte(t.fteHundredths),
            from: org(t.fromOrganisationId),
            transferOn: t.transferOn,
            status: t.status,
            version: t.version,
            person: p ? { name: p.name, personnelNumber: p.personnelNumber, email: p.email, notes: p.notes } : null,
          })),
    consultations: consultations.map((c) => ({
      id: c.id,
      organisation: org(c.organisationId),
      body: c.body,
      requestedOn: c.requestedOn,
      adviceDueOn: c.adviceDueOn,
      advisedOn: c.advisedOn,
      outcome: c.outcome,
      note: c.note,
      version: c.version,
      mayKeep: consultationPolicy.keep(actor, { hostId: framework.hostId, organisationId: c.organisationId }),
    })),
    abilities: {
      /** The origins this actor may register transfers for (all clients for host HR, its own for a client's HR). */
      addTransferFrom: clientIds.filter((id) =>
        staffPolicy.keep(actor, { hostId: framework.hostId, fromOrganisationId: id }),
      ),
      /** The organisations whose consultation this actor may record. */
      addConsultationFor: [framework.hostId, ...clientIds].filter((id) =>
        consultationPolicy.keep(actor, { hostId: framework.hostId, organisationId: id }),
      ),
    },
  };
}

async function referenceTaken(tx: Tx, frameworkId: string, reference: string, except?: string) {
  const [row] = await tx
    .select({ id: staffTransfers.id })
    .from(staffTransfers)
    .where(and(eq(staffTransfers.frameworkId, frameworkId), eq(staffTransfers.reference, reference)));
  if (row && row.id !== except) {
    throw new AppError("conflict", "problem.referenceTaken", [{ field: "reference", message: "field.taken" }], {
      reference,
    });
  }
}

export async function createTransfer(
  tx: Tx,
  ctx: RequestContext,
  frameworkId: string,
  input: z.infer<typeof transferBody>,
) {
  const { framework, clientIds } = await frameworkFor(tx, ctx.actor, frameworkId);
  if (!clientIds.includes(input.fromOrganisationId)) {
    throw new AppError("validation_failed", "problem.staffFromClient", [
      { field: "fromOrganisationId", message: "field.notAClient" },
    ]);
  }
  authorize(staffPolicy, ctx.actor, "keep", { hostId: framework.hostId, fromOrganisationId: input.fromOrganisationId });
  checkInTerm(framework, input.transferOn, "transferOn");
  await referenceTaken(tx, frameworkId, input.reference);
  const [row] = await tx
    .insert(staffTransfers)
    .values({
      frameworkId,
      reference: input.reference,
      function: input.function,
      fteHundredths: Math.round(input.fte * 100),
      fromOrganisationId: input.fromOrganisationId,
      transferOn: input.transferOn,
      status: input.status,
    })
    .returning({ id: staffTransfers.id });
  if (!row) throw new Error("transfer not stored");
  await tx.insert(staffTransferPeople).values({ transferId: row.id, ...input.person });
  await recordAudit(tx, ctx, {
    entityType: "staff_transfer",
    entityId: row.id,
    ownerOrganisationId: framework.hostId,
    action: "create",
    after: auditable(input),
  });
  return row;
}

export async function updateTransfer(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  changes: z.infer<typeof transferChanges>,
) {
  const [transfer] = await tx.select().from(staffTransfers).where(eq(staffTransfers.id, id));
  if (!transfer) throw notFound("staff transfer");
  const { framework } = await frameworkFor(tx, ctx.actor, transfer.frameworkId).catch(() => {
    throw notFound("staff transfer");
  });
  const view = { hostId: framework.hostId, fromOrganisationId: transfer.fromOrganisationId };
  authorize(staffPolicy, ctx.actor, "seePerson", view, { conceal: "staff transfer" });
  authorize(staffPolicy, ctx.actor, "keep", view);
  if (changes.transferOn) checkInTerm(framework, changes.transferOn, "transferOn");
  if (changes.reference) await referenceTaken(tx, transfer.frameworkId, changes.reference, id);
  const { person, fte: newFte, ...rest } = changes;
  const version = await updateVersioned(
    tx,
    staffTransfers,
    id,
    transfer,
    expectedVersion,
    { ...rest, ...(newFte !== undefined ? { fteHundredths: Math.round(newFte * 100) } : {}) },
    "staff transfer",
  );
  if (person) {
    await tx
      .insert(staffTransferPeople)
      .values({ transferId: id, ...person })
      .onConflictDoUpdate({ target: staffTransferPeople.transferId, set: person });
  }
  await recordAudit(tx, ctx, {
    entityType: "staff_transfer",
    entityId: id,
    ownerOrganisationId: framework.hostId,
    action: "update",
    before: auditable({
      ...previousValues(transfer, changes),
      ...("fte" in changes ? { fte: transfer.fteHundredths / 100 } : {}),
      ...("person" in changes ? { person: changes.person } : {}),
    } as Partial<z.infer<typeof transferBody>>),
    after: auditable(changes),
  });
  return version;
}

export async function createConsultation(
  tx: Tx,
  ctx: RequestContext,
  frameworkId: string,
  input: z.infer<typeof consultationBody>,
) {
  const { framework, clientIds } = await frameworkFor(tx, ctx.actor, frameworkId);
  if (![framework.hostId, ...clientIds].includes(input.organisationId)) {
    throw new AppError("validation_failed", "problem.consultParty", [
      { field: "organisationId", message: "field.notAParty" },
    ]);
  }
  authorize(consultationPolicy, ctx.actor, "keep", { hostId: framework.hostId, organisationId: input.organisationId });
  checkDates(input);
  const [row] = await tx
    .insert(worksCouncilConsultations)
    .values({ frameworkId, ...input })
    .returning({ id: worksCouncilConsultations.id });
  if (!row) throw new Error("consultation not stored");
  await recordAudit(tx, ctx, {
    entityType: "works_council_consultation",
    entityId: row.id,
    ownerOrganisationId: framework.hostId,
    action: "create",
    after: input,
  });
  return row;
}

function checkDates(c: {
  requestedOn?: string | undefined;
  advisedOn?: string | null | undefined;
  adviceDueOn?: string | null | undefined;
}) {
  for (const field of ["advisedOn", "adviceDueOn"] as const) {
    const value = c[field];
    if (value && c.requestedOn && value < c.requestedOn) {
      throw new AppError("validation_failed", "problem.adviceAfterAsked", [
        { field, message: "field.beforeRequestedOn" },
      ]);
    }
  }
}

export async function updateConsultation(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  changes: z.infer<typeof consultationChanges>,
) {
  const [consultation] = await tx.select().from(worksCouncilConsultations).where(eq(worksCouncilConsultations.id, id));
  if (!consultation) throw notFound("consultation");
  const { framework } = await frameworkFor(tx, ctx.actor, consultation.frameworkId).catch(() => {
    throw notFound("consultation");
  });
  authorize(consultationPolicy, ctx.actor, "keep", {
    hostId: framework.hostId,
    organisationId: consultation.organisationId,
  });
  checkDates({ ...consultation, ...changes });
  const version = await updateVersioned(
    tx,
    worksCouncilConsultations,
    id,
    consultation,
    expectedVersion,
    changes,
    "consultation",
  );
  await recordAudit(tx, ctx, {
    entityType: "works_council_consultation",
    entityId: id,
    ownerOrganisationId: framework.hostId,
    action: "update",
    before: previousValues(consultation, changes),
    after: changes,
  });
  return version;
}
