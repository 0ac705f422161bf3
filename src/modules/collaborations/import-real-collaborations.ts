import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { readDataCsv } from "../../platform/data-files.ts";
import type { Tx } from "../../platform/db/client.ts";
import { collaborations, memberships, organisations } from "../../platform/db/schema.ts";
import type { CollaborationForm } from "../../platform/vocabulary.ts";
import { carryOverMemberships } from "../organisations/merge-organisation.ts";

type NewCollaboration = typeof collaborations.$inferInsert;

const igsSource = "Organisatieportaal (Agentschap Binnenlands Bestuur), import augustus 2023";
const igsDate = "2023-08-29";
const grSource = "OpenGR: Wob-verzoek aan de twaalf provincies, oktober 2015";
const grDate = "2015-10-01";
/** The day the 2025 Flemish mergers took effect. */
export const FLEMISH_MERGERS_2025 = "2025-01-01";

const igsForms: Record<string, CollaborationForm> = {
  Projectvereniging: "projectvereniging",
  "Dienstverlenende vereniging": "dienstverlenende_vereniging",
  "Opdrachthoudende vereniging": "opdrachthoudende_vereniging",
  "Opdrachthoudende vereniging met private deelname": "opdrachthoudende_vereniging_private",
};

const slug = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80);

export interface UnmappedParticipant {
  collaboration: string;
  participant: string;
  code: string;
  reason: string;
}

export interface CollaborationImportResult {
  flemishAssociations: number;
  dutchArrangements: number;
  memberships: number;
  carriedOverInMergers: number;
  mergedDuplicates: number;
  unmapped: UnmappedParticipant[];
}

async function upsertCollaborations(
  tx: Tx,
  rows: NewCollaboration[],
): Promise<Map<string, { id: string; isNew: boolean }>> {
  const existing = new Set(
    (
      await tx
        .select({ key: collaborations.key })
        .from(collaborations)
        .where(
          inArray(
            collaborations.key,
            rows.map((r) => r.key),
          ),
        )
    ).map((r) => r.key),
  );
  const ids = new Map<string, { id: string; isNew: boolean }>();
  for (let i = 0; i < rows.length; i += 300) {
    const result = await tx
      .insert(collaborations)
      .values(rows.slice(i, i + 300))
      .onConflictDoUpdate({
        target: collaborations.key,
        set: {
          name: sql`excluded.name`,
          form: sql`excluded.form`,
          status: sql`excluded.status`,
          kboNumber: sql`excluded.kbo_number`,
          cbsCode: sql`excluded.cbs_code`,
          seat: sql`excluded.seat`,
          source: sql`excluded.source`,
          sourceDate: sql`excluded.source_date`,
        },
      })
      .returning({ id: collaborations.id, key: collaborations.key });
    for (const r of result) ids.set(r.key, { id: r.id, isNew: !existing.has(r.key) });
  }
  return ids;
}

/**
 * Loads the real collaborations: the Flemish intermunicipal associations and their member municipalities
 * (August 2023), and the Dutch joint arrangements and their participants (2015). Members are matched to the
 * register; the 2025 Flemish mergers then carry memberships over, once each. Memberships are only loaded for
 * collaborations that are new, so a second run changes records in place and duplicates nothing.
 */
export async function importRealCollaborations(tx: Tx): Promise<CollaborationImportResult> {
  const orgRows = await tx
    .select({
      id: organisations.id,
      key: organisations.key,
      name: organisations.name,
      kind: organisations.kind,
      country: organisations.country,
    })
    .from(organisations);
  const orgByKey = new Map(orgRows.map((o) => [o.key, o.id]));
  const provinceByName = new Map(
    orgRows.filter((o) => o.kind === "province" && o.country === "NL").map((o) => [o.name.toLowerCase(), o.id]),
  );
  const unmapped: UnmappedParticipant[] = [];

  // Flanders
  // One record per enterprise number; the source lists a few associations twice (the named row wins).
  const igsByKbo = new Map<string, Record<string, string>>();
  for (const { values: v } of readDataCsv("igs_organisations_2023.csv")) {
    const known = igsByKbo.get(v.kbo ?? "");
    if (!known || (!known.name && v.name)) igsByKbo.set(v.kbo ?? "", v);
  }
  const igs = [...igsByKbo.values()];
  const igsRows: NewCollaboration[] = igs.map((v) => ({
    key: `be-igs-${v.kbo}`,
    name: v.name || `Intergemeentelijk samenwerkingsverband ${v.kbo}`,
    form: igsForms[v.type ?? ""] ?? "projectvereniging",
    nature: "collaboration",
    country: "BE",
    status: v.status === "Niet actief" ? "inactive" : "active",
    kboNumber: v.kbo || null,
    seat: v.seat_municipality || null,
    source: igsSource,
    sourceDate: igsDate,
  }));
  const igsIds = await upsertCollaborations(tx, igsRows);
  const newMemberships: (typeof memberships.$inferInsert)[] = [];
  const seen = new Set<string>();
  for (const { values: v, line } of readDataCsv("igs_memberships_2023.csv")) {
    const collaboration = igsIds.get(`be-igs-${v.igs_kbo}`);
    if (!collaboration?.isNew) continue;
    // The member as it was in 2023; a municipality that merged since exists in the register as a merged one.
    const organisationId = orgByKey.get(`be-municipality-${v.municipality_nis2019}`);
    if (!organisationId) {
      unmapped.push({
        collaboration: v.igs_name ?? "",
        participant: v.municipality_name ?? "",
        code: v.municipality_nis2019 ?? "",
        reason: `line ${line}: NIS code not in the register`,
      });
      continue;
    }
    const dedupe = `${collaboration.id}|${organisationId}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    newMemberships.push({
      collaborationId: collaboration.id,
      organisationId,
      role: "member",
      source: igsSource,
      sourceDate: igsDate,
    });
  }

  // The Netherlands
  const cbsCodeByName = new Map(
    readDataCsv("gr_list_dsta_cbs_partial.csv")
      .filter(({ values }) => values.CBS_GR_code)
      .map(({ values }) => [values.DSTA_GR_naam ?? "", values.CBS_GR_code ?? ""]),
  );
  const grParticipants = readDataCsv("opengr_gr_deelnemers_2015.csv");
  const grByName = new Map<string, { name: string; seat: string; key: string }>();
  for (const { values: v } of grParticipants) {
    const name = v.gemeenschappelijke_regeling ?? "";
    if (name && !grByName.has(name)) grByName.set(name, { name, seat: v.gr_plaats ?? "", key: `nl-gr-${slug(name)}` });
  }
  // Two spellings of one name give one key; the first spelling names the record.
  const grKeys = new Set<string>();
  for (const [name, gr] of grByName) {
    if (grKeys.has(gr.key))
      grByName.set(name, { ...gr, name: [...grByName.values()].find((g) => g.key === gr.key)?.name ?? name });
    grKeys.add(gr.key);
  }
  const grRows: NewCollaboration[] = [...new Map([...grByName.values()].map((gr) => [gr.key, gr])).values()].map(
    (gr) => ({
      key: gr.key,
      name: gr.name,
      form: "gemeenschappelijke_regeling",
      nature: "collaboration",
      country: "NL",
      status: "active",
      cbsCode: cbsCodeByName.get(gr.name) ?? null,
      seat: gr.seat || null,
      source: grSource,
      sourceDate: grDate,
    }),
  );
  const grIds = await upsertCollaborations(tx, grRows);
  for (const { values: v, line } of grParticipants) {
    const gr = grByName.get(v.gemeenschappelijke_regeling ?? "");
    const collaboration = gr ? grIds.get(gr.key) : undefined;
    if (!collaboration?.isNew) continue;
    const participant = v.deelnemer ?? "";
    const code = v.deelnemer_gm_code_2016 ?? "";
    const organisationId = code
      ? orgByKey.get(`nl-municipality-${code}`)
      : provinceByName.get(participant.toLowerCase());
    if (!organisationId) {
      unmapped.push({
        collaboration: gr?.name ?? "",
        participant,
        code,
        reason: code
          ? `line ${line}: municipality code of 2016 not among today's municipalities (merged since)`
          : `line ${line}: not a municipality or province in the register (water board, foreign partner or other body)`,
      });
      continue;
    }
    const dedupe = `${collaboration.id}|${organisationId}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    newMemberships.push({
      collaborationId: collaboration.id,
      organisationId,
      role: "member",
      source: grSource,
      sourceDate: grDate,
    });
  }
  for (let i = 0; i < newMemberships.length; i += 500)
    await tx.insert(memberships).values(newMemberships.slice(i, i + 500));

  // The 2025 Flemish mergers: memberships of the merged municipalities continue in their successors.
  let carriedOverInMergers = 0;
  let mergedDuplicates = 0;
  const merged = await tx
    .select({ id: organisations.id, mergedIntoId: organisations.mergedIntoId })
    .from(organisations)
    .where(and(eq(organisations.status, "merged"), isNotNull(organisations.mergedIntoId)));
  for (const organisation of merged) {
    if (!organisation.mergedIntoId) continue;
    const result = await carryOverMemberships(tx, {
      fromId: organisation.id,
      intoId: organisation.mergedIntoId,
      effectiveDate: FLEMISH_MERGERS_2025,
      source: "fusie van 1 januari 2025 (REFNIS 2025)",
    });
    carriedOverInMergers += result.carried;
    mergedDuplicates += result.alreadyThere;
  }
  await tx.execute(sql`ANALYZE collaborations`);
  await tx.execute(sql`ANALYZE memberships`);
  return {
    flemishAssociations: igsRows.length,
    dutchArrangements: grRows.length,
    memberships: newMemberships.length,
    carriedOverInMergers,
    mergedDuplicates,
    unmapped,
  };
}
