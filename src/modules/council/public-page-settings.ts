import { eq } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { organisations, publicPages } from "../../platform/db/schema.ts";
import { putPerOrganisation } from "../../platform/db/versioned.ts";
import { notFound } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { councilPolicy } from "./policy.ts";
import { publicPageOf } from "./queries.ts";
import type { PublicPageInput } from "./schemas.ts";

/**
 * Chooses what the municipality's public page shows, and whether it is published. Version 0 is the page never
 * chosen; every change needs the version read.
 */
export async function setPublicPage(
  tx: Tx,
  ctx: RequestContext,
  organisationId: string,
  expectedVersion: number,
  input: PublicPageInput,
) {
  authorize(councilPolicy, ctx.actor, "keep", { organisationId }, { conceal: "organisation" });
  const [organisation] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!organisation) throw notFound("organisation");
  const current = await publicPageOf(tx, organisationId);
  const sections = [...new Set(input.sections)];
  const version = await putPerOrganisation(tx, publicPages, organisationId, current.version, expectedVersion, {
    published: input.published,
    sections,
  });
  await recordAudit(tx, ctx, {
    entityType: "public_page",
    entityId: organisationId,
    ownerOrganisationId: organisationId,
    action: "update",
    before: { published: current.published, sections: current.sections },
    after: { published: input.published, sections },
  });
  return version;
}
