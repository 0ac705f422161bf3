import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { DeliveryStatus, IssueStatus, NewsletterItem, SubscriberStatus } from "../../vocabulary.ts";

export type { NewsletterItem };

import { createdAt } from "./columns.ts";
import { organisations, users } from "./register.ts";

/**
 * A person who receives a provider's newsletter: unconfirmed until they confirm by the link mailed to them
 * (double opt-in), or confirmed at once when they are a user of Samen added by the provider; unsubscribed by one
 * click. The address is kept lower-cased.
 */
export const newsletterSubscribers = pgTable(
  "newsletter_subscribers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => organisations.id),
    email: text("email").notNull(),
    name: text("name"),
    organisationId: uuid("organisation_id").references(() => organisations.id),
    userId: uuid("user_id").references(() => users.id),
    status: text("status").$type<SubscriberStatus>().notNull().default("unconfirmed"),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    unsubscribedAt: timestamp("unsubscribed_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("newsletter_subscribers_unique").on(t.providerId, sql`lower(${t.email})`),
    index("newsletter_subscribers_status_idx").on(t.providerId, t.status),
  ],
);

/** One issue of a provider's newsletter: a draft composed from the month, edited, then sent and archived. */
export const newsletterIssues = pgTable(
  "newsletter_issues",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => organisations.id),
    month: text("month").notNull(),
    subject: text("subject").notNull(),
    intro: text("intro").notNull().default(""),
    /** The items in their order: a heading, Markdown, and where it comes from. */
    items: jsonb("items").$type<NewsletterItem[]>().notNull().default([]),
    status: text("status").$type<IssueStatus>().notNull().default("draft"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("newsletter_issues_provider_idx").on(t.providerId, t.month)],
);

/**
 * The send record of one issue to one subscriber: claimed (`sending`) before the mail goes out and `sent` after
 * the mail server took it, so a send that is killed and resumed never mails anyone twice; a claim left by a killed
 * send becomes `uncertain` (it may or may not have gone out) and is shown, not repeated.
 */
export const newsletterDeliveries = pgTable(
  "newsletter_deliveries",
  {
    issueId: uuid("issue_id")
      .notNull()
      .references(() => newsletterIssues.id),
    subscriberId: uuid("subscriber_id")
      .notNull()
      .references(() => newsletterSubscribers.id),
    status: text("status").$type<DeliveryStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.issueId, t.subscriberId] }),
    index("newsletter_deliveries_pending_idx").on(t.issueId, t.status),
  ],
);
