import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import type { CoCreationTheme, PublicSection, RepresentativeBody } from "../../vocabulary.ts";
import { createdAt } from "./columns.ts";
import { collaborations, organisations, users } from "./register.ts";

/** Who represents an organisation in a collaboration's board or general meeting, as the organisation enters it. */
export const representatives = pgTable(
  "representatives",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    collaborationId: uuid("collaboration_id")
      .notNull()
      .references(() => collaborations.id, { onDelete: "cascade" }),
    body: text("body").$type<RepresentativeBody>().notNull(),
    name: text("name").notNull(),
    /** Their function at home: "schepen van financiën", "raadslid". */
    office: text("office"),
    since: date("since"),
    until: date("until"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index("representatives_organisation_idx").on(t.organisationId, t.collaborationId)],
);

/** What an organisation pays into a collaboration in a year (its membership contribution), as it enters it. */
export const membershipContributions = pgTable(
  "membership_contributions",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    collaborationId: uuid("collaboration_id")
      .notNull()
      .references(() => collaborations.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    /** Where the figure comes from: "Begroting 2026, art. 0190", "Jaarrekening 2025 van de regeling". */
    source: text("source").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.collaborationId, t.year] })],
);

/** What a municipality shows on its public page: nothing until it publishes, then only the sections it chose. */
export const publicPages = pgTable("public_pages", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id),
  published: boolean("published").notNull().default(false),
  sections: jsonb("sections").$type<PublicSection[]>().notNull().default([]),
  version: integer("version").notNull().default(1),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A theme an organisation wants to co-create on (matchmaking). */
export const coCreationInterests = pgTable(
  "co_creation_interests",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    theme: text("theme").$type<CoCreationTheme>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.theme] }), index("co_creation_interests_theme_idx").on(t.theme)],
);

/** A municipality's chapter on intermunicipal collaboration for its council programme, as edited in Samen. */
export const councilChapters = pgTable("council_chapters", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id),
  /** Markdown: headings, paragraphs and lists. */
  body: text("body").notNull(),
  version: integer("version").notNull().default(1),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
