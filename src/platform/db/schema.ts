import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  customType,
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
  CollaborationForm,
  CollaborationNature,
  CollaborationStatus,
  Country,
  EntryStatus,
  FrameworkStatus,
  LegalRegime,
  MembershipRole,
  OrganisationKind,
  OrganisationStatus,
  PolicyDomainScheme,
  Role,
  ServiceDomain,
  SettlementStatus,
  TicketMessageKind,
  TicketStatus,
  TicketUrgency,
} from "../vocabulary.ts";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stable natural key, e.g. `be-municipality-71072` or `nl-municipality-GM0114`: what imports match on. */
    key: text("key").notNull(),
    kind: text("kind").$type<OrganisationKind>().notNull(),
    country: text("country").$type<Country>().notNull(),
    name: text("name").notNull(),
    /** Names in other languages: `{ "fr": "Hasselt", "de": "..." }`. */
    altNames: jsonb("alt_names").$type<Record<string, string>>().notNull().default({}),
    nisCode: text("nis_code"),
    kboNumber: text("kbo_number"),
    cbsCode: text("cbs_code"),
    kvkNumber: text("kvk_number"),
    oin: text("oin"),
    provinceId: uuid("province_id").references((): AnyPgColumn => organisations.id),
    parentId: uuid("parent_id").references((): AnyPgColumn => organisations.id),
    population: integer("population"),
    populationDate: date("population_date"),
    status: text("status").$type<OrganisationStatus>().notNull().default("active"),
    validFrom: date("valid_from"),
    validTo: date("valid_to"),
    mergedIntoId: uuid("merged_into_id").references((): AnyPgColumn => organisations.id),
    website: text("website"),
    wikidata: text("wikidata"),
    source: text("source"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organisations_key_unique").on(t.key),
    index("organisations_kind_idx").on(t.kind, t.name, t.id),
    index("organisations_name_idx").on(t.name, t.id),
    index("organisations_province_idx").on(t.provinceId),
    index("organisations_nis_idx").on(t.nisCode),
    index("organisations_cbs_idx").on(t.cbsCode),
    index("organisations_kbo_idx").on(t.kboNumber),
    index("organisations_name_trgm_idx").using("gin", sql`lower(${t.name}) gin_trgm_ops`),
    // The register's default order within a country and kind: an ordered index scan stops after one page.
    index("organisations_list_idx").on(t.country, t.kind, sql`lower(${t.name})`, t.id),
  ],
);

/** A provider organisation (a province, a host municipality) serves a set of client organisations. */
export const partnerRelations = pgTable(
  "partner_relations",
  {
    providerId: uuid("provider_id")
      .notNull()
      .references(() => organisations.id),
    clientId: uuid("client_id")
      .notNull()
      .references(() => organisations.id),
    since: date("since"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.clientId] }), index("partner_relations_client_idx").on(t.clientId)],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    isPlatformAdmin: boolean("is_platform_admin").notNull().default(false),
    locale: text("locale").notNull().default("nl"),
    oidcIssuer: text("oidc_issuer"),
    oidcSubject: text("oidc_subject"),
    isDemo: boolean("is_demo").notNull().default(false),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(sql`lower(${t.email})`),
    uniqueIndex("users_oidc_unique").on(t.oidcIssuer, t.oidcSubject),
  ],
);

/** A user's role in one organisation. */
export const userRoles = pgTable(
  "user_roles",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    role: text("role").$type<Role>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organisationId] }), index("user_roles_org_idx").on(t.organisationId)],
);

export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 of the session token; the token itself only lives in the cookie. */
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id").references(() => organisations.id),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** SHA-256 of the secret part of the token. */
    tokenHash: text("token_hash").notNull(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    role: text("role").$type<Role>().notNull(),
    scopes: jsonb("scopes").$type<string[]>().notNull().default([]),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_tokens_hash_unique").on(t.tokenHash), index("api_tokens_org_idx").on(t.organisationId)],
);

export const passwordResets = pgTable("password_resets", {
  tokenHash: text("token_hash").primaryKey(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  createdAt: createdAt(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

/** Every change, who made it, before and after; each row's hash covers the previous row's hash. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorUserId: uuid("actor_user_id"),
    actorTokenId: uuid("actor_token_id"),
    actorOrganisationId: uuid("actor_organisation_id"),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    /** The organisation whose data this is: decides who may read the event. */
    ownerOrganisationId: uuid("owner_organisation_id"),
    action: text("action").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    requestId: text("request_id"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_events_entity_idx").on(t.entityType, t.entityId, t.id)],
);

/** Every mail Samen sends; without SMTP (the demo) this is the outbox people read. */
export const mails = pgTable(
  "mails",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    error: text("error"),
  },
  (t) => [index("mails_created_idx").on(t.createdAt)],
);

/** Policy domains from the official lists, as a tree per scheme: `bbc:71` is BBC beleidsdomein 7, subdomein 71. */
export const policyDomains = pgTable(
  "policy_domains",
  {
    id: text("id").primaryKey(),
    scheme: text("scheme").$type<PolicyDomainScheme>().notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    parentId: text("parent_id").references((): AnyPgColumn => policyDomains.id),
    level: integer("level").notNull(),
    source: text("source").notNull(),
  },
  (t) => [
    uniqueIndex("policy_domains_scheme_code_unique").on(t.scheme, t.code),
    index("policy_domains_parent_idx").on(t.parentId),
  ],
);

/** Which Flemish domain corresponds to which Dutch one (Samen's own mapping at the top level; see data/SOURCES.md). */
export const policyDomainMappings = pgTable(
  "policy_domain_mappings",
  {
    bbcId: text("bbc_id")
      .notNull()
      .references(() => policyDomains.id),
    iv3Id: text("iv3_id")
      .notNull()
      .references(() => policyDomains.id),
  },
  (t) => [primaryKey({ columns: [t.bbcId, t.iv3Id] })],
);

/** A samenwerkingsverband: any arrangement in which organisations work together, or one outsources to another. */
export const collaborations = pgTable(
  "collaborations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Natural key that imports match on, e.g. `be-igs-0214533712` or `nl-gr-...`. */
    key: text("key").notNull(),
    name: text("name").notNull(),
    form: text("form").$type<CollaborationForm>().notNull(),
    nature: text("nature").$type<CollaborationNature>().notNull().default("collaboration"),
    country: text("country").$type<Country>().notNull(),
    status: text("status").$type<CollaborationStatus>().notNull().default("active"),
    kboNumber: text("kbo_number"),
    cbsCode: text("cbs_code"),
    seat: text("seat"),
    description: text("description"),
    startedOn: date("started_on"),
    endedOn: date("ended_on"),
    /** The organisation that keeps this record in Samen; its administrators and editors may change it. */
    coordinatorId: uuid("coordinator_id").references(() => organisations.id),
    source: text("source").notNull(),
    sourceDate: date("source_date"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("collaborations_key_unique").on(t.key),
    index("collaborations_name_trgm_idx").using("gin", sql`lower(${t.name}) gin_trgm_ops`),
    index("collaborations_list_idx").on(t.country, sql`lower(${t.name})`, t.id),
    index("collaborations_form_idx").on(t.form),
  ],
);

export const collaborationDomains = pgTable(
  "collaboration_domains",
  {
    collaborationId: uuid("collaboration_id")
      .notNull()
      .references(() => collaborations.id, { onDelete: "cascade" }),
    domainId: text("domain_id")
      .notNull()
      .references(() => policyDomains.id),
  },
  (t) => [
    primaryKey({ columns: [t.collaborationId, t.domainId] }),
    index("collaboration_domains_domain_idx").on(t.domainId),
  ],
);

/** A deelname: an organisation's part in a collaboration, with its role, share and dates. */
export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    collaborationId: uuid("collaboration_id")
      .notNull()
      .references(() => collaborations.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    role: text("role").$type<MembershipRole>().notNull(),
    /** A share in basis points (10000 = 100 %), where the arrangement has one. */
    shareBasisPoints: integer("share_basis_points"),
    validFrom: date("valid_from"),
    validTo: date("valid_to"),
    /** Set when this membership continues one of an organisation that merged into this one. */
    carriedOverFromId: uuid("carried_over_from_id").references((): AnyPgColumn => memberships.id),
    enteredByOrganisationId: uuid("entered_by_organisation_id").references(() => organisations.id),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    confirmedByOrganisationId: uuid("confirmed_by_organisation_id").references(() => organisations.id),
    source: text("source").notNull(),
    sourceDate: date("source_date"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    index("memberships_organisation_idx").on(t.organisationId, t.validTo),
    index("memberships_collaboration_idx").on(t.collaborationId, t.validTo),
  ],
);

/** An organisation's boundary as a GeoJSON geometry in WGS84; replaced by importing official files. */
export const boundaries = pgTable("boundaries", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  geometry: jsonb("geometry").$type<{ type: "Polygon" | "MultiPolygon"; coordinates: unknown }>().notNull(),
  source: text("source").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A full-text search document; written with `to_tsvector('dutch', ...)` in SQL, never read as a value. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
/** Raw bytes (attachments). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

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
    /** Question (A), tags and synonyms (B), answer, theme and service (C), the rest (D). */
    searchVector: tsvector("search_vector").notNull(),
    /** Lower-case question, tags and synonyms, for typo-tolerant matching by trigrams. */
    searchText: text("search_text").notNull(),
    version: integer("version").notNull().default(1),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("catalogue_entries_key_unique").on(t.providerId, t.key),
    index("catalogue_entries_list_idx").on(t.providerId, t.status, t.theme, sql`lower(${t.question})`, t.id),
    index("catalogue_entries_search_idx").using("gin", t.searchVector),
    index("catalogue_entries_trgm_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
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

/** The words of a catalogue, for correcting typos in searches (pg_trgm similarity). */
export const catalogueTerms = pgTable(
  "catalogue_terms",
  {
    providerId: uuid("provider_id")
      .notNull()
      .references(() => organisations.id),
    term: text("term").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.providerId, t.term] }),
    index("catalogue_terms_trgm_idx").using("gin", sql`${t.term} gin_trgm_ops`),
  ],
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

/**
 * A framework agreement (raamovereenkomst) of a host municipality with its clients. It is a collaboration of the
 * register too (form gastheergemeente), whose memberships say who is host and who is client.
 */
export const frameworks = pgTable(
  "frameworks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    collaborationId: uuid("collaboration_id")
      .notNull()
      .references(() => collaborations.id),
    hostId: uuid("host_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on"),
    status: text("status").$type<FrameworkStatus>().notNull().default("draft"),
    legalRegime: text("legal_regime").$type<LegalRegime>().notNull(),
    /** Steering committee, founding decisions and documents, as the agreement describes them. */
    governance: jsonb("governance")
      .$type<FrameworkGovernance>()
      .notNull()
      .default({ committee: [], decisions: [], documents: [] }),
    isDemo: boolean("is_demo").notNull().default(false),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("frameworks_collaboration_unique").on(t.collaborationId),
    index("frameworks_host_idx").on(t.hostId),
  ],
);

export interface FrameworkGovernance {
  committee: { name: string; function: string; organisationId: string }[];
  decisions: { organisationId: string; body: "council" | "board" | "college"; decidedOn: string; reference: string }[];
  documents: { title: string; url: string }[];
}

export const frameworkClients = pgTable(
  "framework_clients",
  {
    frameworkId: uuid("framework_id")
      .notNull()
      .references(() => frameworks.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [
    primaryKey({ columns: [t.frameworkId, t.organisationId] }),
    index("framework_clients_org_idx").on(t.organisationId),
  ],
);

/** A sub-agreement (deelovereenkomst) per domain: the services, their levels and, per year, the money. */
export const subAgreements = pgTable(
  "sub_agreements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    frameworkId: uuid("framework_id")
      .notNull()
      .references(() => frameworks.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    domain: text("domain").$type<ServiceDomain>().notNull(),
    description: text("description"),
    services: jsonb("services").$type<{ name: string; unit: string; description: string }[]>().notNull().default([]),
    serviceLevels: jsonb("service_levels")
      .$type<{ indicator: string; target: number; unit: string; measurements: { period: string; value: number }[] }[]>()
      .notNull()
      .default([]),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sub_agreements_framework_idx").on(t.frameworkId)],
);

/** A sub-agreement's year: budget, allocation key and accents; later the actual costs and figures. */
export const subAgreementYears = pgTable(
  "sub_agreement_years",
  {
    subAgreementId: uuid("sub_agreement_id")
      .notNull()
      .references(() => subAgreements.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    budgetCents: bigint("budget_cents", { mode: "number" }).notNull(),
    key: jsonb("key").$type<Record<string, unknown>>().notNull(),
    accents: jsonb("accents")
      .$type<{ clientId: string; kind: "variant" | "extra"; description: string; cents: number }[]>()
      .notNull()
      .default([]),
    actualCents: bigint("actual_cents", { mode: "number" }),
    actualKey: jsonb("actual_key").$type<Record<string, unknown>>(),
    actualAccents:
      jsonb("actual_accents").$type<
        { clientId: string; kind: "variant" | "extra"; description: string; cents: number }[]
      >(),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.subAgreementId, t.year] })],
);

/** A year's settlement (afrekening): computed as a draft, frozen once approved; a correction is a new version. */
export const settlements = pgTable(
  "settlements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    subAgreementId: uuid("sub_agreement_id")
      .notNull()
      .references(() => subAgreements.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    version: integer("version").notNull(),
    status: text("status").$type<SettlementStatus>().notNull().default("draft"),
    lines: jsonb("lines").$type<Record<string, unknown>[]>().notNull(),
    actualCents: bigint("actual_cents", { mode: "number" }).notNull(),
    note: text("note"),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    approvedBy: text("approved_by"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("settlements_version_unique").on(t.subAgreementId, t.year, t.version)],
);
