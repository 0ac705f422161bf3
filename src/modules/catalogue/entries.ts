import { randomUUID } from "node:crypto";
import { diffWords } from "diff";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import {
  catalogueEntries,
  catalogueEntryDomains,
  catalogueRevisions,
  catalogues,
  organisations,
  policyDomains,
} from "../../platform/db/schema.ts";
import { stale } from "../../platform/db/versioned.ts";
import { AppError } from "../../platform/errors.ts";
import { abilitiesOf, authorize } from "../../platform/policy.ts";
import { wordsOf } from "../../platform/search/dutch.ts";
import { entryFieldNames } from "../../platform/vocabulary.ts";
import { checkDomains } from "../collaborations/write-collaboration.ts";
import { entryPolicy } from "./policy.ts";
import { type CatalogueContext, catalogueFor, entryFor } from "./queries.ts";
import { type CreateEntryInput, createEntryBody, entryFields, type UpdateEntryInput } from "./schemas.ts";

export type EntryFields = ReturnType<typeof entryFields.parse>;

/** The fields a revision keeps, in the order the history shows them. */
const revisedFields = entryFieldNames;

/** A key from the question: its first words, made unique within the catalogue. */
async function keyFor(tx: Tx, providerId: string, question: string) {
  const base =
    wordsOf(question.normalize("NFD").replace(/[\u0300-\u036f]/g, ""))
      .slice(0, 6)
      .join("-")
      .slice(0, 60) || "vraag";
  const [taken] = await tx
    .select({ id: catalogueEntries.id })
    .from(catalogueEntries)
    .where(and(eq(catalogueEntries.providerId, providerId), eq(catalogueEntries.key, base)));
  return taken ? `${base}-${randomUUID().slice(0, 6)}` : base;
}

/** Options of a write: an import has checked related keys against the whole file already (they may point ahead). */
export interface WriteOptions {
  relatedChecked?: boolean;
}

async function checkReferences(
  tx: Tx,
  providerId: string,
  fields: Partial<EntryFields>,
  ownKey: string,
  options: WriteOptions,
) {
  if (fields.domainIds) await checkDomains(tx, fields.domainIds);
  if (fields.relatedKeys?.length && !options.relatedChecked) {
    const keys = fields.relatedKeys.filter((k) => k !== ownKey);
    const known = new Set(
      (
        await tx
          .select({ key: catalogueEntries.key })
          .from(catalogueEntries)
          .where(and(eq(catalogueEntries.providerId, providerId), inArray(catalogueEntries.key, keys)))
      ).map((r) => r.key),
    );
    const unknown = fields.relatedKeys.filter((k) => !known.has(k));
    if (unknown.length) {
      throw new AppError(
        "validation_failed",
        "problem.relatedSameCatalogue",
        unknown.map((k) => ({ field: "relatedKeys", message: "field.notAnEntry", params: { key: k } })),
      );
    }
  }
  if (fields.offeredById) {
    const [org] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.id, fields.offeredById));
    if (!org)
      throw new AppError("validation_failed", "problem.unknownOrganisation", [
        { field: "offeredById", message: "field.notAnOrganisation" },
      ]);
  }
}

const snapshotOf = (fields: EntryFields) => Object.fromEntries(revisedFields.map((f) => [f, fields[f] ?? null]));

async function recordRevision(tx: Tx, actor: Actor, entryId: string, version: number, fields: EntryFields) {
  await tx.insert(catalogueRevisions).values({
    entryId,
    version,
    snapshot: snapshotOf(fields),
    authorUserId: actor.userId,
    authorName: actor.name,
  });
}

/** Makes sure the provider has a catalogue row (its settings start at the defaults). */
export async function ensureCatalogue(tx: Tx, providerId: string) {
  await tx.insert(catalogues).values({ providerId }).onConflictDoNothing();
}

/** Marks the catalogue's searches as changed, in the transaction that changes them (see the search cache). */
export async function searchChanged(tx: Tx, providerId: string) {
  await ensureCatalogue(tx, providerId);
  await tx
    .update(catalogues)
    .set({ searchVersion: sql`${catalogues.searchVersion} + 1` })
    .where(eq(catalogues.providerId, providerId));
}

/**
 * Stores a new entry in a catalogue whose policy the caller has checked: the entry, its domains, its first
 * revision, its words for typo correction, and an audit record.
 */
export async function insertEntry(
  tx: Tx,
  ctx: RequestContext,
  catalogue: CatalogueContext,
  fields: EntryFields,
  extra: { key?: string | undefined; isDemo?: boolean; sourceTicketId?: string | null } & WriteOptions = {},
) {
  await ensureCatalogue(tx, catalogue.providerId);
  const key = extra.key ?? (await keyFor(tx, catalogue.providerId, fields.question));
  await checkReferences(tx, catalogue.providerId, fields, key, extra);
  const { domainIds, ...columns } = fields;
  const [row] = await tx
    .insert(catalogueEntries)
    .values({
      ...columns,
      key,
      providerId: catalogue.providerId,
      isDemo: extra.isDemo ?? false,
      sourceTicketId: extra.sourceTicketId ?? null,
      publishedAt: fields.status === "published" ? new Date() : null,
    })
    .onConflictDoNothing()
    .returning({ id: catalogueEntries.id });
  if (!row) {
    throw new AppError("conflict", "problem.entryKeyTaken", [{ field: "key", message: "field.usedInCatalogue" }], {
      key,
    });
  }
  if (domainIds.length) {
    await tx.insert(catalogueEntryDomains).values(domainIds.map((domainId) => ({ entryId: row.id, domainId })));
  }
  await recordRevision(tx, ctx.actor, row.id, 1, fields);
  await searchChanged(tx, catalogue.providerId);
  await recordAudit(tx, ctx, {
    entityType: "catalogue_entry",
    entityId: row.id,
    ownerOrganisationId: catalogue.providerId,
    action: "create",
    after: { key, ...snapshotOf(fields) },
  });
  return { id: row.id, key };
}

/** Creates an entry in the provider's catalogue (its editors only). */
export async function createEntry(tx: Tx, ctx: RequestContext, providerId: string, input: CreateEntryInput) {
  const catalogue = await catalogueFor(tx, ctx.actor, providerId, "read");
  const { key, ...fields } = createEntryBody.parse(input);
  authorize(entryPolicy, ctx.actor, "update", { ...catalogue, status: fields.status });
  return insertEntry(tx, ctx, catalogue, fields, { key });
}

async function domainIdsOf(db: Queryable, entryId: string) {
  return (
    await db
      .select({ id: catalogueEntryDomains.domainId })
      .from(catalogueEntryDomains)
      .where(eq(catalogueEntryDomains.entryId, entryId))
      .orderBy(asc(catalogueEntryDomains.domainId))
  ).map((d) => d.id);
}

/** Changes an entry if the caller saw its current version (else 412, nothing changed); keeps a revision. */
export async function updateEntry(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  changes: UpdateEntryInput,
  options: WriteOptions = {},
) {
  const { entry, catalogue } = await entryFor(tx, ctx.actor, id, "read");
  authorize(entryPolicy, ctx.actor, "update", { ...catalogue, status: entry.status });
  if (entry.version !== expectedVersion) {
    throw stale("changed", expectedVersion, entry.version);
  }
  const currentDomains = await domainIdsOf(tx, id);
  const current: EntryFields = entryFields.parse({ ...entry, domainIds: currentDomains });
  const next: EntryFields = { ...current, ...changes } as EntryFields;
  await checkReferences(tx, catalogue.providerId, changes, entry.key, options);
  const { domainIds, ...columns } = next;
  const [updated] = await tx
    .update(catalogueEntries)
    .set({
      ...columns,
      version: sql`${catalogueEntries.version} + 1`,
      updatedAt: new Date(),
      publishedAt: next.status === "published" ? (entry.publishedAt ?? new Date()) : entry.publishedAt,
    })
    .where(and(eq(catalogueEntries.id, id), eq(catalogueEntries.version, expectedVersion)))
    .returning({ version: catalogueEntries.version });
  if (!updated) throw new AppError("precondition_failed", "problem.changed.entry");
  if (changes.domainIds) {
    await tx.delete(catalogueEntryDomains).where(eq(catalogueEntryDomains.entryId, id));
    if (domainIds.length)
      await tx.insert(catalogueEntryDomains).values(domainIds.map((domainId) => ({ entryId: id, domainId })));
  }
  await recordRevision(tx, ctx.actor, id, updated.version, next);
  await searchChanged(tx, catalogue.providerId);
  const before: Record<string, unknown> = {};
  for (const field of Object.keys(changes)) before[field] = current[field as keyof EntryFields];
  await recordAudit(tx, ctx, {
    entityType: "catalogue_entry",
    entityId: id,
    ownerOrganisationId: catalogue.providerId,
    action: "update",
    before,
    after: changes,
  });
  return updated.version;
}

/** One entry as the API shows it: with provider, domains, related entries and what the actor may do. */
export async function getEntry(db: Queryable, actor: Actor | null, id: string) {
  const { entry, catalogue } = await entryFor(db, actor, id, "read");
  const staff = entryPolicy.readHistory(actor, { ...catalogue, status: entry.status });
  const [domains, related, offeredBy] = await Promise.all([
    db
      .select({ id: policyDomains.id, name: policyDomains.name })
      .from(catalogueEntryDomains)
      .innerJoin(policyDomains, eq(policyDomains.id, catalogueEntryDomains.domainId))
      .where(eq(catalogueEntryDomains.entryId, id))
      .orderBy(asc(policyDomains.id)),
    entry.relatedKeys.length
      ? db
          .select({
            id: catalogueEntries.id,
            key: catalogueEntries.key,
            question: catalogueEntries.question,
            status: catalogueEntries.status,
          })
          .from(catalogueEntries)
          .where(
            and(eq(catalogueEntries.providerId, entry.providerId), inArray(catalogueEntries.key, entry.relatedKeys)),
          )
      : Promise.resolve([]),
    entry.offeredById
      ? db
          .select({ id: organisations.id, name: organisations.name })
          .from(organisations)
          .where(eq(organisations.id, entry.offeredById))
      : Promise.resolve([]),
  ]);
  const order = new Map(entry.relatedKeys.map((k, i) => [k, i]));
  return {
    id: entry.id,
    providerId: entry.providerId,
    provider: { id: catalogue.provider.id, name: catalogue.provider.name },
    key: entry.key,
    question: entry.question,
    answer: entry.answer,
    theme: entry.theme,
    service: entry.service,
    conditions: entry.conditions,
    price: entry.price,
    contact: entry.contact,
    offeredBy: offeredBy[0] ?? null,
    tags: entry.tags,
    synonyms: entry.synonyms,
    relatedKeys: entry.relatedKeys,
    related: related
      .filter((r) => staff || r.status === "published")
      .sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0))
      .map(({ id, key, question }) => ({ id, key, question })),
    domains,
    status: entry.status,
    isDemo: entry.isDemo,
    sourceTicketId: entry.sourceTicketId,
    version: entry.version,
    publishedAt: entry.publishedAt?.toISOString() ?? null,
    updatedAt: entry.updatedAt.toISOString(),
    abilities: abilitiesOf(entryPolicy, actor, { ...catalogue, status: entry.status }) as {
      read: boolean;
      update: boolean;
      readHistory: boolean;
    },
  };
}

type Part = { kind: "same" | "added" | "removed"; text: string };

const asText = (value: unknown) => (value === null || value === undefined ? "" : String(value));

/** What changed in one field between two revisions, as word-level parts (lists item by item). */
export function fieldChanges(before: unknown, after: unknown): Part[] | null {
  if (Array.isArray(before) || Array.isArray(after)) {
    const a = (before as string[] | null) ?? [];
    const b = (after as string[] | null) ?? [];
    if (a.join("\u0000") === b.join("\u0000")) return null;
    return [
      ...a.filter((x) => !b.includes(x)).map((text) => ({ kind: "removed" as const, text })),
      ...b.filter((x) => a.includes(x)).map((text) => ({ kind: "same" as const, text })),
      ...b.filter((x) => !a.includes(x)).map((text) => ({ kind: "added" as const, text })),
    ];
  }
  const a = asText(before);
  const b = asText(after);
  if (a === b) return null;
  return diffWords(a, b).map((p) => ({ kind: p.added ? "added" : p.removed ? "removed" : "same", text: p.value }));
}

/** An entry's history, newest first: who saved which version when, and what changed from the one before. */
export async function listRevisions(db: Queryable, actor: Actor | null, id: string) {
  await entryFor(db, actor, id, "readHistory");
  const revisions = await db
    .select()
    .from(catalogueRevisions)
    .where(eq(catalogueRevisions.entryId, id))
    .orderBy(asc(catalogueRevisions.version));
  const result = revisions.map((revision, i) => {
    const previous = revisions[i - 1]?.snapshot ?? {};
    const changes = revisedFields.flatMap((field) => {
      const parts = fieldChanges(previous[field], revision.snapshot[field]);
      return parts ? [{ field, parts }] : [];
    });
    return { version: revision.version, at: revision.at.toISOString(), author: revision.authorName, changes };
  });
  return result.reverse();
}
