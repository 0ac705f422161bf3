import { eq } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { purchaseDocuments } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { checkDocument } from "../../platform/http/documents.ts";
import { authorize } from "../../platform/policy.ts";
import { bundlePolicy } from "./policy.ts";
import { bundleFor } from "./queries.ts";

/** Attaches a document to a bundle (its lead buyer's editors): the bytes must be what the declared type says. */
export async function attachBundleDocument(
  tx: Tx,
  ctx: RequestContext,
  bundleId: string,
  input: { title: string; filename: string; contentType: string; bytes: Uint8Array },
) {
  const { bundle } = await bundleFor(tx, bundleId);
  authorize(bundlePolicy, ctx.actor, "attach", bundle);
  await checkDocument(input.bytes, input.contentType, ctx.language ?? "nl");
  const [row] = await tx
    .insert(purchaseDocuments)
    .values({
      bundleId,
      title: input.title,
      filename: input.filename,
      contentType: input.contentType,
      size: input.bytes.length,
      data: Buffer.from(input.bytes),
      uploadedBy: ctx.actor.userId,
      uploadedByOrganisationId: bundle.leadBuyerId,
    })
    .returning({ id: purchaseDocuments.id });
  if (!row) throw new Error("document not stored");
  await recordAudit(tx, ctx, {
    entityType: "purchase_document",
    entityId: row.id,
    ownerOrganisationId: bundle.leadBuyerId,
    action: "attach",
    after: { bundleId, title: input.title, contentType: input.contentType, size: input.bytes.length },
  });
  return row;
}

/** A bundle's document: read by everyone who reads the bundle. */
export async function getBundleDocument(db: Queryable, id: string) {
  const [row] = await db.select().from(purchaseDocuments).where(eq(purchaseDocuments.id, id));
  if (!row) throw notFound("document");
  return row;
}
