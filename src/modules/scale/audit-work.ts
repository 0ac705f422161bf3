/**
 * Country scale, the audit trail: years of changes to the synthetic collaborations, catalogue entries, tickets
 * and sub-agreements, each event linked into its owner's chain exactly as Samen links them (decision 12), so
 * `samen audit verify` checks them all. Written in batches as JSON records, in the order of their time (a
 * function scan feeds the insert in the records' order, so ids follow the chains).
 */
import { sql } from "drizzle-orm";
import { chainKeyOf, genesisHash, hashEvent } from "../../platform/audit.ts";
import { rowsOf, type Tx } from "../../platform/db/client.ts";
import { pickOne, pickWeighted } from "../../platform/random.ts";
import { type Progress, syntheticSource } from "./scale-context.ts";

interface Subject {
  type: string;
  id: string;
  owner: string;
}

const from = Date.parse("2021-01-04T07:00:00Z");
const to = Date.parse("2026-11-20T17:00:00Z");

/** What the events are about: the synthetic records, each with the organisation that owns it. */
async function subjects(tx: Tx): Promise<Subject[]> {
  return rowsOf<Subject>(
    tx,
    sql`SELECT 'collaboration' AS type, id::text AS id, coordinator_id::text AS owner FROM collaborations
         WHERE source = ${syntheticSource} AND coordinator_id IS NOT NULL
        UNION ALL
        SELECT 'catalogue_entry', e.id::text, e.provider_id::text FROM catalogue_entries e
        UNION ALL
        SELECT 'ticket', t.id::text, t.provider_id::text FROM tickets t WHERE NOT t.is_demo
        UNION ALL
        SELECT 'sub_agreement', s.id::text, f.host_id::text FROM sub_agreements s JOIN frameworks f ON f.id = s.framework_id
         WHERE NOT f.is_demo`,
  );
}

export async function loadAuditEvents(
  tx: Tx,
  random: () => number,
  count: number,
  progress: Progress,
): Promise<{ events: number; chains: number }> {
  const about = await subjects(tx);
  if (!about.length) return { events: 0, chains: 0 };
  // Each chain goes on from its last event.
  const heads = new Map(
    (
      await rowsOf<{ chain_key: string; hash: string }>(
        tx,
        sql`SELECT DISTINCT ON (chain_key) chain_key, hash FROM audit_events
             WHERE chain_key IS NOT NULL ORDER BY chain_key, id DESC`,
      )
    ).map((r) => [r.chain_key, r.hash]),
  );
  const step = (to - from) / count;
  const batchSize = 5000;
  for (let done = 0; done < count; ) {
    const records = [];
    for (let i = 0; i < Math.min(batchSize, count - done); i++) {
      const subject = pickOne(random, about);
      const chainKey = chainKeyOf(subject.owner);
      const action = pickWeighted(random, [
        ["update", 7],
        ["create", 2],
        ["archive", 1],
      ] as const);
      const fields = {
        at: new Date(Math.floor(from + (done + i) * step)).toISOString(),
        actorUserId: null,
        actorTokenId: null,
        actorOrganisationId: subject.owner,
        entityType: subject.type,
        entityId: subject.id,
        ownerOrganisationId: subject.owner,
        action,
        before: null,
        after: action === "archive" ? { status: "archived" } : { version: 1 + Math.floor(random() * 9) },
        requestId: null,
        chainKey,
      };
      const prevHash = heads.get(chainKey) ?? genesisHash;
      const hash = hashEvent(prevHash, fields);
      heads.set(chainKey, hash);
      records.push({ ...fields, prevHash, hash });
    }
    await tx.execute(sql`
      INSERT INTO audit_events (at, actor_user_id, actor_token_id, actor_organisation_id, entity_type, entity_id,
                                owner_organisation_id, action, before, after, request_id, chain_key, prev_hash, hash)
      SELECT r."at", r."actorUserId", r."actorTokenId", r."actorOrganisationId", r."entityType", r."entityId",
             r."ownerOrganisationId", r.action, r.before, r.after, r."requestId", r."chainKey", r."prevHash", r.hash
        FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS r(
          "at" timestamptz, "actorUserId" uuid, "actorTokenId" uuid, "actorOrganisationId" uuid, "entityType" text,
          "entityId" text, "ownerOrganisationId" uuid, action text, before jsonb, after jsonb, "requestId" text,
          "chainKey" text, "prevHash" text, hash text)`);
    done += records.length;
    progress("audit events", done, count);
  }
  await tx.execute(sql`ANALYZE audit_events`);
  return { events: count, chains: heads.size };
}
