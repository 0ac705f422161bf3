import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type {
  CollaborationForm,
  CollaborationNature,
  CollaborationStatus,
  Country,
  MembershipRole,
  OrganisationKind,
  OrganisationStatus,
  PolicyDomainScheme,
  Role,
} from "../../vocabulary.ts";
import { createdAt } from "./columns.ts";

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
    /** Where the population figure comes from: the official table it was read from. */
    populationSource: text("population_source"),
    status: text("status").$type<OrganisationStatus>().notNull().default("active"),
    validFrom: date("valid_from"),
    validTo: date("valid_to"),
    mergedIntoId: uuid("merged_into_id").references((): AnyPgColumn => organisations.id),
    website: text("website"),
    /** The address post and invoices go to, as printed: lines separated by a line break. */
    postalAddress: text("postal_address"),
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

/**
 * The names an organisation is searched by, folded (`samen_fold`: lower case, no accents, ei for ij): its own, its
 * names in other languages (Anvers, Luik) and those of the organisations merged into it (Kortessem for Hasselt).
 * Kept by a trigger on `organisations` (migration 0026), so every write of a name or a merger keeps it true.
 */
export const organisationNames = pgTable(
  "organisation_names",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** The organisation whose name this is: the organisation itself or one merged into it. */
    sourceId: uuid("source_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.sourceId, t.name] }),
    index("organisation_names_source_idx").on(t.sourceId),
    index("organisation_names_trgm_idx").using("gin", sql`${t.name} gin_trgm_ops`),
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
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
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
    /** Works in the organisation's HR department (personeelsdienst): may see the people in staff transfers. */
    hr: boolean("hr").notNull().default(false),
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
    /** When the session acts for that organisation under a mandate given to one of the user's own. */
    mandateId: uuid("mandate_id").references((): AnyPgColumn => mandates.id),
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

/**
 * An invitation to join an organisation with a role: sent by mail with a secret link (only its hash is kept), valid
 * for a week, accepted once by setting a password (a new account) or by the account the address already has.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    email: text("email").notNull(),
    role: text("role").$type<Role>().notNull(),
    hr: boolean("hr").notNull().default(false),
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by").references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => users.id),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("invitations_token_unique").on(t.tokenHash), index("invitations_org_idx").on(t.organisationId)],
);

/**
 * An organisation's own OpenID Connect sign-in, set up by a platform administrator: its identity provider, and the
 * client Samen is there (the secret sealed with the server's secret, never shown again).
 */
export const organisationSignIns = pgTable("organisation_sign_ins", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id),
  issuer: text("issuer").notNull(),
  clientId: text("client_id").notNull(),
  clientSecretSealed: text("client_secret_sealed").notNull(),
  enabled: boolean("enabled").notNull().default(true),
  version: integer("version").notNull().default(1),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid("updated_by").references(() => users.id),
});

/**
 * A mandate: one organisation (the grantor) lets another (the receiver: its intermunicipal company, its host
 * municipality) act for it within scopes, for a period; offered by the grantor, accepted or declined by the
 * receiver, revocable by either. Its people then act "receiver for grantor", recorded so in the audit trail.
 */
export const mandates = pgTable(
  "mandates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    grantorId: uuid("grantor_id")
      .notNull()
      .references(() => organisations.id),
    receiverId: uuid("receiver_id")
      .notNull()
      .references(() => organisations.id),
    scopes: jsonb("scopes").$type<string[]>().notNull(),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on"),
    note: text("note"),
    /** offered → accepted | declined; accepted or offered → revoked. */
    status: text("status").$type<"offered" | "accepted" | "declined" | "revoked">().notNull().default("offered"),
    grantedBy: uuid("granted_by").references(() => users.id),
    createdAt: createdAt(),
    answeredBy: uuid("answered_by").references(() => users.id),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("mandates_grantor_idx").on(t.grantorId), index("mandates_receiver_idx").on(t.receiverId)],
);

/** Every change, who made it, before and after; each row's hash covers the previous row's hash. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorUserId: uuid("actor_user_id"),
    actorTokenId: uuid("actor_token_id"),
    actorOrganisationId: uuid("actor_organisation_id"),
    /** Under a mandate: the organisation the actor's own (actorOrganisationId) acted for. */
    forOrganisationId: uuid("for_organisation_id"),
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
    /**
     * The chain the event links into: one per owning organisation ("org:<id>", "platform" for none), so writers for
     * different organisations do not wait for each other. Null for events of the single chain before chains were
     * split (decision 12); those still verify as one chain.
     */
    chainKey: text("chain_key"),
  },
  (t) => [
    index("audit_events_entity_idx").on(t.entityType, t.entityId, t.id),
    index("audit_events_chain_idx").on(t.chainKey, t.id),
    index("audit_events_mandated_idx")
      .on(t.actorOrganisationId, t.forOrganisationId, t.id)
      .where(sql`for_organisation_id IS NOT NULL`),
  ],
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
    // A search matches KBO numbers and CBS codes too: with these, its OR can use an index for every branch.
    index("collaborations_kbo_idx").on(t.kboNumber),
    index("collaborations_cbs_idx").on(t.cbsCode),
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

/**
 * Municipalities that share a stretch of border, worked out from the stored boundaries whenever they are imported
 * (both directions are stored, so an organisation's neighbours are one index lookup).
 */
export const neighbours = pgTable(
  "neighbours",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    neighbourId: uuid("neighbour_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.neighbourId] })],
);
