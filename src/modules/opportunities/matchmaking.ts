import { and, asc, eq, inArray } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { coCreationInterests, organisations } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { type Language, say } from "../../platform/i18n.ts";
import type { Mailer } from "../../platform/mail.ts";
import { abilitiesOf, authorize } from "../../platform/policy.ts";
import { type CoCreationTheme, coCreationThemes } from "../../platform/vocabulary.ts";
import { addParticipant } from "../projects/participants.ts";
import { createProject } from "../projects/write-project.ts";
import { createScan } from "../surveys/scans.ts";
import { opportunitiesPolicy } from "./policy.ts";
import type { StartTogetherInput } from "./schemas.ts";

/** Every theme, with the organisations that want to co-create on it, and whether the actor's organisation does. */
export async function listThemes(db: Queryable, actor: Actor) {
  const rows = await db
    .select({ theme: coCreationInterests.theme, id: organisations.id, name: organisations.name })
    .from(coCreationInterests)
    .innerJoin(organisations, eq(organisations.id, coCreationInterests.organisationId))
    .orderBy(asc(organisations.name));
  const own = actor.organisationId;
  return {
    items: coCreationThemes.map((theme) => {
      const others = rows.filter((r) => r.theme === theme).map((r) => ({ id: r.id, name: r.name }));
      return { theme, organisations: others, mine: !!own && others.some((o) => o.id === own) };
    }),
    abilities: abilitiesOf(opportunitiesPolicy, actor, { organisationId: own ?? "" }),
  };
}

/** Says the organisation wants to co-create on a theme (again saying so changes nothing). */
export async function markTheme(tx: Tx, ctx: RequestContext, organisationId: string, theme: CoCreationTheme) {
  authorize(opportunitiesPolicy, ctx.actor, "keepThemes", { organisationId });
  const added = await tx
    .insert(coCreationInterests)
    .values({ organisationId, theme })
    .onConflictDoNothing()
    .returning({ theme: coCreationInterests.theme });
  if (added.length) {
    await recordAudit(tx, ctx, {
      entityType: "co_creation_interest",
      entityId: `${organisationId}:${theme}`,
      ownerOrganisationId: organisationId,
      action: "create",
      after: { theme },
    });
  }
}

export async function unmarkTheme(tx: Tx, ctx: RequestContext, organisationId: string, theme: CoCreationTheme) {
  authorize(opportunitiesPolicy, ctx.actor, "keepThemes", { organisationId });
  const removed = await tx
    .delete(coCreationInterests)
    .where(and(eq(coCreationInterests.organisationId, organisationId), eq(coCreationInterests.theme, theme)))
    .returning({ theme: coCreationInterests.theme });
  if (!removed.length) throw new AppError("not_found", "opportunities.themeNotMarked");
  await recordAudit(tx, ctx, {
    entityType: "co_creation_interest",
    entityId: `${organisationId}:${theme}`,
    ownerOrganisationId: organisationId,
    action: "delete",
    before: { theme },
  });
}

/**
 * Starts something with others who want to co-create on the same theme, in one step: a readiness scan with them
 * as parties, or a project the actor's organisation runs with them invited. Only organisations that marked the theme
 * can be named, and the actor's own organisation must have marked it too.
 */
export async function startTogether(
  tx: Tx,
  ctx: RequestContext,
  notify: { mailer: Mailer; publicUrl: string },
  theme: CoCreationTheme,
  input: StartTogetherInput,
  language: Language,
) {
  const own = ctx.actor.organisationId;
  if (!own) throw new AppError("forbidden", "opportunities.actForAnOrganisation");
  authorize(opportunitiesPolicy, ctx.actor, "keepThemes", { organisationId: own });
  const partners = [...new Set(input.partnerIds)].filter((p) => p !== own);
  const marked = await tx
    .select({ id: coCreationInterests.organisationId })
    .from(coCreationInterests)
    .where(and(eq(coCreationInterests.theme, theme), inArray(coCreationInterests.organisationId, [own, ...partners])));
  const markedIds = new Set(marked.map((m) => m.id));
  if (!markedIds.has(own)) {
    throw new AppError("validation_failed", "opportunities.markThemeFirst", [
      { field: "theme", message: "opportunities.markThemeFirst" },
    ]);
  }
  if (!partners.length || partners.some((p) => !markedIds.has(p))) {
    throw new AppError("validation_failed", "opportunities.partnersMustShareTheme", [
      { field: "partnerIds", message: "opportunities.partnersMustShareTheme" },
    ]);
  }
  const themeName = say(language, { key: `opportunities.theme.${theme}` });
  const title = input.title ?? say(language, { key: "opportunities.togetherTitle", params: { theme: themeName } });
  if (input.kind === "scan") {
    const { id } = await createScan(tx, ctx, notify, { title, partnerIds: partners });
    return { kind: "scan" as const, id };
  }
  const project = await createProject(tx, ctx, {
    title,
    goal: say(language, { key: "opportunities.togetherGoal", params: { theme: themeName } }),
    domainId: null,
    status: "planned",
    startsOn: new Date().toISOString().slice(0, 10),
    endsOn: null,
    catalogueEntryId: null,
    ticketId: null,
  });
  for (const partner of partners) await addParticipant(tx, ctx, project.id, partner);
  return { kind: "project" as const, id: project.id };
}
