import { createHash, randomBytes } from "node:crypto";
import { and, eq, gte, isNull, lte } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { deploymentFeeds, deployments, organisations, projects, userRoles, users } from "../../platform/db/schema.ts";
import { AppError, forbidden } from "../../platform/errors.ts";
import { toICalendar, zonedInstant } from "../../platform/ical.ts";
import type { DeploymentFeedKind } from "../../platform/vocabulary.ts";
import { presentDeployments, visibleTo } from "./deployments.ts";
import { deploymentFeedPolicy } from "./policy.ts";
import { today } from "./queries.ts";

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

const subjectColumn = {
  staff: deployments.staffUserId,
  organisation: deployments.organisationId,
  project: deployments.projectId,
} as const;

/**
 * A feed address for calendar apps: a staff member's, an organisation's or a project's deployments, as the
 * organisation the person acts for sees them. Making one again replaces the old address; only its hash is kept.
 */
export async function createDeploymentFeed(
  tx: Tx,
  ctx: RequestContext,
  input: { kind: DeploymentFeedKind; subjectId: string },
  publicUrl: string,
) {
  const { actor } = ctx;
  if (
    !actor.organisationId ||
    !actor.userId ||
    !deploymentFeedPolicy.keep(actor, { organisationId: actor.organisationId })
  )
    throw forbidden("Sign in and act for an organisation to make a calendar feed.");
  const exists =
    input.kind === "staff"
      ? (await tx.select({ id: users.id }).from(users).where(eq(users.id, input.subjectId))).length
      : input.kind === "organisation"
        ? (await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, input.subjectId)))
            .length
        : (await tx.select({ id: projects.id }).from(projects).where(eq(projects.id, input.subjectId))).length;
  if (!exists)
    throw new AppError("validation_failed", "problem.nothingToFollow", [
      { field: "subjectId", message: "field.invalid" },
    ]);
  const token = randomBytes(24).toString("base64url");
  await tx
    .delete(deploymentFeeds)
    .where(
      and(
        eq(deploymentFeeds.userId, actor.userId),
        eq(deploymentFeeds.kind, input.kind),
        eq(deploymentFeeds.subjectId, input.subjectId),
      ),
    );
  await tx.insert(deploymentFeeds).values({
    tokenHash: sha256(token),
    userId: actor.userId,
    organisationId: actor.organisationId,
    kind: input.kind,
    subjectId: input.subjectId,
  });
  await recordAudit(tx, ctx, {
    entityType: "deployment_feed",
    entityId: input.subjectId,
    ownerOrganisationId: actor.organisationId,
    action: "create",
    after: { kind: input.kind },
  });
  return { url: `${publicUrl}/api/deployment-feeds/${token}.ics` };
}

const zoneOf = { BE: "Europe/Brussels", NL: "Europe/Amsterdam" } as const;

/**
 * The iCalendar behind a feed token: the deployments it follows from two months back to a year ahead, cancelled
 * ones left out. Null when the token is unknown, or its person is disabled or no longer in the organisation.
 */
export async function deploymentFeedCalendar(db: Queryable, token: string, publicUrl: string) {
  const [feed] = await db
    .select({ feed: deploymentFeeds, isPlatformAdmin: users.isPlatformAdmin, role: userRoles.role })
    .from(deploymentFeeds)
    .innerJoin(users, eq(users.id, deploymentFeeds.userId))
    .innerJoin(
      userRoles,
      and(eq(userRoles.userId, deploymentFeeds.userId), eq(userRoles.organisationId, deploymentFeeds.organisationId)),
    )
    .where(and(eq(deploymentFeeds.tokenHash, sha256(token)), isNull(users.disabledAt)));
  if (!feed) return null;
  if (!feed.feed.lastUsedAt || Date.now() - feed.feed.lastUsedAt.getTime() > 3_600_000)
    await db
      .update(deploymentFeeds)
      .set({ lastUsedAt: new Date() })
      .where(eq(deploymentFeeds.tokenHash, sha256(token)));
  // The feed sees what its person sees when acting for the feed's organisation, never more.
  const actor: Actor = {
    kind: "user",
    userId: feed.feed.userId,
    tokenId: null,
    name: "feed",
    isPlatformAdmin: false,
    organisationId: feed.feed.organisationId,
    role: feed.role,
    scopes: ["read"],
  };
  const on = today();
  const from = new Date(Date.parse(`${on}T00:00:00Z`) - 60 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.parse(`${on}T00:00:00Z`) + 365 * 86_400_000).toISOString().slice(0, 10);
  const items = await presentDeployments(
    db,
    actor,
    and(
      eq(subjectColumn[feed.feed.kind], feed.feed.subjectId),
      gte(deployments.day, from),
      lte(deployments.day, to),
      visibleTo(actor),
    ),
  );
  const events = items
    .filter((d) => d.status !== "cancelled")
    .map((d) => ({
      uid: `${d.id}@samen`,
      start: zonedInstant(d.day, d.startsAt, zoneOf[d.placeCountry]),
      end: zonedInstant(d.day, d.endsAt, zoneOf[d.placeCountry]),
      summary: `${d.staff.name} · ${d.organisation.name}${d.project ? ` · ${d.project.name}` : ""}`,
      description: [d.project?.name ?? d.dossier ?? "", d.note ?? ""].filter(Boolean).join("\n"),
      location: d.organisation.name,
      url: d.project ? `${publicUrl}/partnerprojecten/${d.project.id}` : `${publicUrl}/partnerprojecten/inzet`,
    }));
  return toICalendar(`Samen: inzet ter plaatse`, events);
}
