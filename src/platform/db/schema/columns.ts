import { timestamp } from "drizzle-orm/pg-core";

/** When a row was made: every table has it. */
export const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
