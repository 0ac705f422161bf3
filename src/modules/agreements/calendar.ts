import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import {
  calendarFeeds,
  calendarTemplates,
  frameworkClients,
  frameworks,
  organisations,
  userRoles,
  users,
} from "../../platform/db/schema.ts";
import { updateVersioned } from "../../platform/db/versioned.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { webAddress } from "../../platform/http/schemas.ts";
import { authorize } from "../../platform/policy.ts";
import { legalRegimes } from "../../platform/vocabulary.ts";
import { todayIn } from "../../platform/working-days.ts";
import {
  addDays,
  builtInTemplateFor,
  builtInTemplates,
  type CalendarRule,
  checkRules,
  type Deadline,
  deadlinesBetween,
  toICalendar,
} from "./calendar-rules.ts";
import { frameworkFor } from "./frameworks.ts";
import { feedPolicy, hostPolicy, templatePolicy } from "./policy.ts";

const yearPart = z.number().int().min(-2).max(2);
const monthDay = { month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) };
export const calendarRuleSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9-]{1,60}$/, "lower-case letters, digits and dashes"),
    title: z.object({ nl: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }),
    actor: z.enum(["host", "clients", "councils", "board"]),
    when: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("date"), yearOffset: yearPart, ...monthDay }),
      z.object({
        kind: z.literal("after"),
        rule: z.string().min(1).max(60),
        days: z.number().int().min(-366).max(366),
        latest: z.object({ yearOffset: yearPart, ...monthDay }).optional(),
      }),
    ]),
    source: z.object({
      setBy: z.enum(["law", "agreement"]),
      citation: z.string().trim().min(1).max(300),
      url: webAddress(500).nullable(),
    }),
    remindDaysBefore: z.array(z.number().int().min(0).max(120)).max(5),
  })
  .meta({ id: "CalendarRule" });

export const templateChanges = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    rules: z.array(calendarRuleSchema).min(1).max(40).optional(),
  })
  .strict();
export const newTemplateBody = z
  .object({ name: z.string().trim().min(1).max(200), from: z.enum(legalRegimes) })
  .strict();

/** A host's own template, under its policy. */
const ownTemplate = async (db: Queryable, actor: Actor, id: string, change: boolean) => {
  const [template] = await db.select().from(calendarTemplates).where(eq(calendarTemplates.id, id));
  if (!template) throw notFound("calendar template");
  authorize(templatePolicy, actor, "read", template, { conceal: "calendar template" });
  if (change) authorize(templatePolicy, actor, "change", template);
  return template;
};

/** The built-in templates (one per legal regime) and the actor's organisation's own. */
export async function listTemplates(db: Queryable, actor: Actor) {
  const own = actor.organisationId
    ? await db
        .select()
        .from(calendarTemplates)
        .where(eq(calendarTemplates.ownerOrganisationId, actor.organisationId))
        .orderBy(asc(calendarTemplates.name))
    : [];
  return {
    builtIn: Object.values(builtInTemplates),
    own: own.map(templateView),
  };
}

const templateView = (t: typeof calendarTemplates.$inferSelect) => ({
  id: t.id,
  name: t.name,
  legalRegime: t.legalRegime,
  basedOn: t.basedOn,
  rules: t.rules,
  version: t.version,
});

export async function getTemplate(db: Queryable, actor: Actor, id: string) {
  return templateView(await ownTemplate(db, actor, id, false));
}

/** A host copies a legal regime's template to change it where its agreement says otherwise. */
export async function createTemplate(tx: Tx, ctx: RequestContext, input: z.infer<typeof newTemplateBody>) {
  authorize(hostPolicy, ctx.actor, "createTemplate", null);
  const owner = ctx.actor.organisationId as string;
  const from = builtInTemplateFor(input.from);
  const [row] = await tx
    .insert(calendarTemplates)
    .values({
      ownerOrganisationId: owner,
      name: input.name,
      legalRegime: input.from,
      basedOn: from.key,
      rules: from.rules,
    })
    .returning({ id: calendarTemplates.id });
  if (!row) throw new Error("template not stored");
  await recordAudit(tx, ctx, {
    entityType: "calendar_template",
    entityId: row.id,
    ownerOrganisationId: owner,
    action: "create",
    after: { name: input.name, basedOn: from.key },
  });
  return row;
}

export async function updateTemplate(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  changes: z.infer<typeof templateChanges>,
) {
  const template = await ownTemplate(tx, ctx.actor, id, true);
  if (changes.rules) {
    const issues = checkRules(changes.rules as CalendarRule[]);
    if (issues.length) throw new AppError("validation_failed", "problem.calendarSteps", issues);
  }
  const version = await updateVersioned(
    tx,
    calendarTemplates,
    id,
    template,
    expectedVersion,
    changes,
    "calendar template",
  );
  await recordAudit(tx, ctx, {
    entityType: "calendar_template",
    entityId: id,
    ownerOrganisationId: template.ownerOrganisationId,
    action: "update",
    before: { name: template.name, rules: template.rules },
    after: changes,
  });
  return version;
}

type FrameworkRow = typeof frameworks.$inferSelect;

/** The rules a framework follows: its host's template if it chose one, else the built-in one of its regime. */
export async function calendarOf(db: Queryable, framework: FrameworkRow) {
  if (framework.calendarTemplateId) {
    const [template] = await db
      .select()
      .from(calendarTemplates)
      .where(eq(calendarTemplates.id, framework.calendarTemplateId));
    if (template) return { id: template.id, name: template.name, note: null, rules: template.rules };
  }
  const builtIn = builtInTemplateFor(framework.legalRegime);
  return { id: null, name: builtIn.name, note: builtIn.note, rules: builtIn.rules };
}

/** A framework's deadlines that fall in one calendar year, with the template they come from. */
export async function getCalendar(db: Queryable, actor: Actor, frameworkId: string, year: number) {
  const { framework } = await frameworkFor(db, actor, frameworkId);
  const template = await calendarOf(db, framework);
  return {
    template: { id: template.id, name: template.name, note: template.note },
    year,
    deadlines: deadlinesBetween(template.rules, framework, `${year}-01-01`, `${year}-12-31`),
  };
}

/** The person whose feed it is: a signed-in user acting for an organisation, never an API token. */
function feedOwner(actor: Actor): Actor & { userId: string; organisationId: string } {
  if (!feedPolicy.keep(actor, null) || !actor.userId || !actor.organisationId) {
    throw new AppError("forbidden", "problem.calendarFeedSignIn");
  }
  return actor as Actor & { userId: string; organisationId: string };
}

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/**
 * A personal feed address for calendar apps, for the organisation the user acts for. Making a new one replaces the
 * old (whose address stops working); the address is shown once, since only its hash is kept.
 */
export async function createFeed(tx: Tx, ctx: RequestContext, publicUrl: string) {
  const actor = feedOwner(ctx.actor);
  const token = randomBytes(24).toString("base64url");
  await tx
    .delete(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, actor.userId), eq(calendarFeeds.organisationId, actor.organisationId)));
  await tx
    .insert(calendarFeeds)
    .values({ tokenHash: sha256(token), userId: actor.userId, organisationId: actor.organisationId });
  // The address is a secret: the trail says a feed was made, never what it is.
  await recordAudit(tx, ctx, {
    entityType: "calendar_feed",
    entityId: actor.userId,
    ownerOrganisationId: actor.organisationId,
    action: "create",
  });
  return { url: `${publicUrl}/api/calendar/${token}.ics` };
}

export async function deleteFeed(tx: Tx, ctx: RequestContext) {
  const actor = feedOwner(ctx.actor);
  const removed = await tx
    .delete(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, actor.userId), eq(calendarFeeds.organisationId, actor.organisationId)))
    .returning({ userId: calendarFeeds.userId });
  if (removed.length) {
    await recordAudit(tx, ctx, {
      entityType: "calendar_feed",
      entityId: actor.userId,
      ownerOrganisationId: actor.organisationId,
      action: "revoke",
    });
  }
}

export async function feedStatus(db: Queryable, signedIn: Actor) {
  const actor = feedOwner(signedIn);
  const [feed] = await db
    .select({ createdAt: calendarFeeds.createdAt, lastUsedAt: calendarFeeds.lastUsedAt })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, actor.userId), eq(calendarFeeds.organisationId, actor.organisationId)));
  return {
    active: !!feed,
    createdAt: feed?.createdAt.toISOString() ?? null,
    lastUsedAt: feed?.lastUsedAt?.toISOString() ?? null,
  };
}

/**
 * The iCalendar behind a feed token: the deadlines of the frameworks the feed's organisation hosts or is a client
 * of, from two months back to eighteen months ahead. Null when the token is unknown, or its user is disabled or no
 * longer has a role in the organisation.
 */
export async function feedCalendar(db: Queryable, token: string, publicUrl: string): Promise<string | null> {
  const [feed] = await db
    .select({
      organisationId: calendarFeeds.organisationId,
      lastUsedAt: calendarFeeds.lastUsedAt,
      name: organisations.name,
    })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .innerJoin(
      userRoles,
      and(eq(userRoles.userId, calendarFeeds.userId), eq(userRoles.organisationId, calendarFeeds.organisationId)),
    )
    .innerJoin(organisations, eq(organisations.id, calendarFeeds.organisationId))
    .where(and(eq(calendarFeeds.tokenHash, sha256(token)), isNull(users.disabledAt)));
  if (!feed) return null;
  if (!feed.lastUsedAt || Date.now() - feed.lastUsedAt.getTime() > 3_600_000) {
    await db
      .update(calendarFeeds)
      .set({ lastUsedAt: new Date() })
      .where(eq(calendarFeeds.tokenHash, sha256(token)));
  }
  const own = feed.organisationId;
  const rows = await db
    .selectDistinct({ framework: frameworks })
    .from(frameworks)
    .leftJoin(frameworkClients, eq(frameworkClients.frameworkId, frameworks.id))
    .where(
      and(
        or(eq(frameworks.hostId, own), eq(frameworkClients.organisationId, own)),
        inArray(frameworks.status, ["consultation", "signed", "active"]),
      ),
    );
  const today = todayIn("NL");
  const events = [];
  for (const { framework } of rows) {
    const { rules } = await calendarOf(db, framework);
    for (const d of deadlinesBetween(rules, framework, addDays(today, -60), addDays(today, 548))) {
      events.push({
        uid: `${framework.id}-${d.ruleKey}-${d.budgetYear}@samen`,
        date: d.dueOn,
        summary: `${framework.name}: ${d.title.nl}`,
        description: describe(d),
        url: `${publicUrl}/gedeelde-diensten/${framework.id}`,
      });
    }
  }
  return toICalendar(`Samen: ${feed.name}`, events);
}

/** A deadline in words, with where the rule comes from. */
export function describe(d: Deadline): string {
  const source =
    d.source.setBy === "law"
      ? `Bron: ${d.source.citation}`
      : `Datum uit de overeenkomst (standaard): ${d.source.citation}`;
  return [
    `${d.title.nl} (begrotingsjaar ${d.budgetYear}).`,
    `${d.title.en} (budget year ${d.budgetYear}).`,
    source,
    d.source.url ?? "",
  ]
    .filter(Boolean)
    .join("\n");
}
