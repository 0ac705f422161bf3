import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type {
  CatalogueVisibility,
  EntryStatus,
  TicketMessageKind,
  TicketStatus,
  TicketUrgency,
} from "../../vocabulary.ts";
import { bytea, createdAt } from "./columns.ts";
import { organisations, policyDomains, users } from "./register.ts";

/** A provider's partner catalogue: who may read it and the front office's service level. */
export const catalogues = pgTable("catalogues", {
  providerId: uuid("provider_id")
    .primaryKey()
    .references(() => organisations.id),
  visibility: text("visibility").$type<CatalogueVisibility>().notNull().default("clients"),
  /** Working days within which the front office answers a question of normal urgency. */
  serviceLevelDays: integer("service_level_days").notNull().default(5),
  version: integer("version").notNull().default(1),
  /** Goes up with every change to the entries or synonyms: cached search results of an older one are not used. */
  searchVersion: integer("search_version").notNull().default(0),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One question with its answer and the offer behind it, in a provider's partner catalogue. */
export const catalogueEntries = pgTable(
  "catalogue_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => organisations.id),
    /** Stable key within the provider's catalogue, what imports match on and related entries point to. */
    key: text("key").notNull(),
    question: text("question").notNull(),
    /** Markdown; shown sanitised (raw markup is shown as text). */
    answer: text("answer").notNull().default(""),
    theme: text("theme").notNull(),
    service: text("service"),
    conditions: text("conditions"),
    price: text("price"),
    contact: text("contact"),
    /** The organisation that delivers the offer, when it is not the provider itself. */
    offeredById: uuid("offered_by_id").references(() => organisations.id),
    tags: jsonb("tags").$type<string[]>().notNull().default([]),
    synonyms: jsonb("synonyms").$type<string[]>().notNull().default([]),
    relatedKeys: jsonb("related_keys").$type<string[]>().notNull().default([]),
    status: text("status").$type<EntryStatus>().notNull().default("draft"),
    isDemo: boolean("is_demo").notNull().default(false),
    /** The front-office ticket whose answer this entry was made from. */
    sourceTicketId: uuid("source_ticket_id"),
    version: integer("version").notNull().default(1),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("catalogue_entries_key_unique").on(t.providerId, t.key),
    index("catalogue_entries_list_idx").on(t.providerId, t.status, t.theme, sql`lower(${t.question})`, t.id),
  ],
);

export const catalogueEntryDomains = pgTable(
  "catalogue_entry_domains",
  {
    entryId: uuid("entry_id")
      .notNull()
      .references(() => catalogueEntries.id, { onDelete: "cascade" }),
    domainId: text("domain_id")
      .notNull()
      .references(() => policyDomains.id),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.domainId] }), index("catalogue_entry_domains_domain_idx").on(t.domainId)],
);

/** Every saved state of an entry; the history shows the differences between consecutive ones. */
export const catalogueRevisions = pgTable(
  "catalogue_revisions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => catalogueEntries.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    snapshot: jsonb("snapshot").$type<Record<string, unknown>>().notNull(),
    authorUserId: uuid("author_user_id"),
    authorName: text("author_name").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("catalogue_revisions_entry_version_unique").on(t.entryId, t.version)],
);

/** A group of words that mean the same in a provider's searches (OCMW, sociaal huis), kept by its coordinators. */
export const searchSynonyms = pgTable(
  "search_synonyms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => organisations.id),
    terms: jsonb("terms").$type<string[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("search_synonyms_provider_idx").on(t.providerId)],
);

/** Searches that found nothing, so the catalogue grows where municipalities look. */
export const searchMisses = pgTable(
  "search_misses",
  {
    providerId: uuid("provider_id")
      .notNull()
      .references(() => organisations.id),
    query: text("query").notNull(),
    count: integer("count").notNull().default(1),
    lastOrganisationId: uuid("last_organisation_id"),
    firstAt: timestamp("first_at", { withTimezone: true }).notNull().defaultNow(),
    lastAt: timestamp("last_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.query] })],
);

/** A question to a provider's front office that the catalogue did not answer. */
export const tickets = pgTable(
  "tickets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** A short number people can say on the phone. */
    number: serial("number").notNull(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => organisations.id),
    askerOrganisationId: uuid("asker_organisation_id")
      .notNull()
      .references(() => organisations.id),
    askerUserId: uuid("asker_user_id").references(() => users.id),
    subject: text("subject").notNull(),
    question: text("question").notNull(),
    domainId: text("domain_id").references(() => policyDomains.id),
    theme: text("theme"),
    urgency: text("urgency").$type<TicketUrgency>().notNull().default("normal"),
    status: text("status").$type<TicketStatus>().notNull().default("new"),
    assigneeUserId: uuid("assignee_user_id").references(() => users.id),
    /** The last working day of the service level. */
    dueOn: date("due_on").notNull(),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    entryId: uuid("entry_id").references(() => catalogueEntries.id),
    isDemo: boolean("is_demo").notNull().default(false),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("tickets_number_unique").on(t.number),
    index("tickets_desk_idx").on(t.providerId, t.status, t.createdAt),
    index("tickets_asker_idx").on(t.askerOrganisationId, t.createdAt),
  ],
);

export const ticketMessages = pgTable(
  "ticket_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    kind: text("kind").$type<TicketMessageKind>().notNull(),
    body: text("body").notNull(),
    authorUserId: uuid("author_user_id").references(() => users.id),
    authorName: text("author_name").notNull(),
    authorOrganisationId: uuid("author_organisation_id").references(() => organisations.id),
    createdAt: createdAt(),
  },
  (t) => [index("ticket_messages_ticket_idx").on(t.ticketId, t.createdAt)],
);

export const ticketAttachments = pgTable(
  "ticket_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    messageId: uuid("message_id").references(() => ticketMessages.id, { onDelete: "cascade" }),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    data: bytea("data").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("ticket_attachments_ticket_idx").on(t.ticketId)],
);
