import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import { languageOfContext, type RequestContext } from "../../platform/context.ts";
import { CsvSyntaxError, delimiterName, readCsv, readUploadedText } from "../../platform/csv.ts";
import type { Db, Tx } from "../../platform/db/client.ts";
import {
  collaborationDomains,
  collaborations,
  memberships,
  organisations,
  policyDomains,
} from "../../platform/db/schema.ts";
import { type Language, type Message, say, sayIssue, zodErrors } from "../../platform/i18n.ts";
import { authorize } from "../../platform/policy.ts";
import { registerPolicy } from "../organisations/policy.ts";
import { columnsOf, type RowOf, rowSchemas, type TransferKind } from "./formats.ts";

export interface RowProblem {
  /** The line in a CSV file, or the item number (from 1) in a JSON array; 0 for the file as a whole. */
  line: number;
  field: string;
  message: string;
}

export interface ImportReport {
  kind: TransferKind;
  rows: number;
  valid: number;
  written: number;
  skipped: number;
  dryRun: boolean;
  problems: RowProblem[];
}

interface RawRow {
  line: number;
  values: Record<string, unknown>;
}

/** Reads the bytes of an import file: UTF-8 only, CSV with a header or a JSON array of objects. */
export function readImportFile(
  kind: TransferKind,
  format: "csv" | "json",
  content: Uint8Array | string,
  language: Language = "nl",
): { rows: RawRow[]; problems: RowProblem[] } {
  const words = (message: Message) => say(language, message);
  const read = readUploadedText(content);
  if ("problem" in read) return { rows: [], problems: [{ line: 0, field: "file", message: words(read.problem) }] };
  const { text } = read;
  if (format === "json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return {
        rows: [],
        problems: [
          {
            line: 0,
            field: "file",
            message: words({ key: "import.notJson", params: { reason: (error as Error).message } }),
          },
        ],
      };
    }
    const items = Array.isArray(parsed) ? parsed : (parsed as { items?: unknown })?.items;
    if (!Array.isArray(items))
      return {
        rows: [],
        problems: [{ line: 0, field: "file", message: words({ key: "import.notArray" }) }],
      };
    if (items.length === 0)
      return { rows: [], problems: [{ line: 0, field: "file", message: words({ key: "import.noRows" }) }] };
    const rows: RawRow[] = [];
    const problems: RowProblem[] = [];
    items.forEach((item, i) => {
      if (item && typeof item === "object" && !Array.isArray(item))
        rows.push({ line: i + 1, values: item as Record<string, unknown> });
      else problems.push({ line: i + 1, field: "row", message: words({ key: "import.rowNotObject" }) });
    });
    return { rows, problems };
  }
  const expected = columnsOf(kind);
  let csv: ReturnType<typeof readCsv>;
  try {
    csv = readCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      return { rows: [], problems: [{ line: error.line, field: "file", message: words(error.problem) }] };
    throw error;
  }
  const { header } = csv;
  // Said with every problem of the header: a file saved with another delimiter than meant shows one column.
  const delimiter = delimiterName(csv.delimiter);
  const problems: RowProblem[] = [];
  // A column is required when its field accepts no empty value.
  const required = Object.entries(rowSchemas[kind].shape)
    .filter(([, schema]) => !(schema as { safeParse(v: unknown): { success: boolean } }).safeParse(null).success)
    .map(([name]) => name);
  const missing = required.filter((c) => !header.includes(c));
  const unknown = header.filter((c) => c && !expected.includes(c));
  if (missing.length)
    problems.push({
      line: 1,
      field: "header",
      message: words({ key: "import.missingColumns", params: { columns: missing.join(", "), delimiter } }),
    });
  if (unknown.length)
    problems.push({
      line: 1,
      field: "header",
      message: words({
        key: "import.unknownColumns",
        params: { columns: unknown.join(", "), expected: expected.join(", "), delimiter },
      }),
    });
  if (problems.length) return { rows: [], problems };
  const rows = csv.rows.map((r) => ({ line: r.line, values: r.values as Record<string, unknown> }));
  if (rows.length === 0)
    return { rows: [], problems: [{ line: 0, field: "file", message: words({ key: "import.noRowsBelowHeader" }) }] };
  return { rows, problems };
}

const keyOf = (kind: TransferKind, row: Record<string, unknown>) =>
  kind === "memberships"
    ? `${row.collaboration_key}|${row.organisation_key}|${row.role}|${row.valid_from ?? ""}`
    : String(row.key);

/** Checks every row against its schema, the rest of the file and the register; returns the valid rows and every problem. */
async function validate<K extends TransferKind>(tx: Tx, kind: K, raw: RawRow[], language: Language) {
  const words = (message: Message) => say(language, message);
  const schema = rowSchemas[kind];
  const problems: RowProblem[] = [];
  const valid: { line: number; row: RowOf<K> }[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of raw) {
    const parsed = schema.safeParse(values, { error: zodErrors(language) });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ line, field: issue.path.join(".") || "row", message: sayIssue(language, issue) });
      continue;
    }
    const row = parsed.data as RowOf<K>;
    const k = keyOf(kind, row as Record<string, unknown>);
    const first = seen.get(k);
    if (first !== undefined) {
      problems.push({
        line,
        field: kind === "memberships" ? "organisation_key" : "key",
        message: words({ key: "import.repeatsLine", params: { line: first } }),
      });
      continue;
    }
    seen.set(k, line);
    const from =
      (row as { valid_from?: string | null; started_on?: string | null }).valid_from ??
      (row as { started_on?: string | null }).started_on;
    const to =
      (row as { valid_to?: string | null; ended_on?: string | null }).valid_to ??
      (row as { ended_on?: string | null }).ended_on;
    if (from && to && from > to) {
      problems.push({
        line,
        field: "valid_to" in row ? "valid_to" : "ended_on",
        message: words({ key: "import.endsBeforeStart" }),
      });
      continue;
    }
    valid.push({ line, row });
  }

  // References to the register, checked in bulk.
  const orgKeys = new Set<string>();
  const collaborationKeys = new Set<string>();
  const domainIds = new Set<string>();
  for (const { row } of valid) {
    const r = row as Record<string, unknown>;
    if (typeof r.province_key === "string") orgKeys.add(r.province_key);
    if (typeof r.organisation_key === "string") orgKeys.add(r.organisation_key);
    if (typeof r.collaboration_key === "string") collaborationKeys.add(r.collaboration_key);
    if (typeof r.domains === "string") for (const d of r.domains.split(";")) domainIds.add(d);
  }
  const knownOrgs = orgKeys.size
    ? new Map(
        (
          await tx
            .select({ key: organisations.key, kind: organisations.kind })
            .from(organisations)
            .where(inArray(organisations.key, [...orgKeys]))
        ).map((o) => [o.key, o.kind]),
      )
    : new Map<string, string>();
  const knownCollaborations = collaborationKeys.size
    ? new Set(
        (
          await tx
            .select({ key: collaborations.key })
            .from(collaborations)
            .where(inArray(collaborations.key, [...collaborationKeys]))
        ).map((c) => c.key),
      )
    : new Set<string>();
  const knownDomains = domainIds.size
    ? new Set(
        (
          await tx
            .select({ id: policyDomains.id })
            .from(policyDomains)
            .where(inArray(policyDomains.id, [...domainIds]))
        ).map((d) => d.id),
      )
    : new Set<string>();
  const checked = valid.filter(({ line, row }) => {
    const r = row as Record<string, unknown>;
    const fail = (field: string, message: Message) => {
      problems.push({ line, field, message: words(message) });
      return false;
    };
    if (typeof r.province_key === "string" && knownOrgs.get(r.province_key) !== "province")
      return fail("province_key", { key: "import.notProvince", params: { key: r.province_key } });
    if (typeof r.organisation_key === "string" && !knownOrgs.has(r.organisation_key))
      return fail("organisation_key", { key: "import.notInRegister", params: { key: r.organisation_key } });
    if (typeof r.collaboration_key === "string" && !knownCollaborations.has(r.collaboration_key))
      return fail("collaboration_key", { key: "import.notInRegister", params: { key: r.collaboration_key } });
    if (typeof r.domains === "string") {
      const unknown = r.domains.split(";").filter((d) => !knownDomains.has(d));
      if (unknown.length)
        return fail("domains", { key: "import.notPolicyDomain", params: { ids: unknown.join(", ") } });
    }
    return true;
  });
  return { valid: checked, problems: problems.sort((a, b) => a.line - b.line) };
}

async function writeRows<K extends TransferKind>(tx: Tx, kind: K, rows: RowOf<K>[]) {
  if (kind === "organisations") {
    const list = rows as RowOf<"organisations">[];
    const provinceKeys = [...new Set(list.map((r) => r.province_key).filter((k): k is string => Boolean(k)))];
    const provinces = provinceKeys.length
      ? new Map(
          (
            await tx
              .select({ id: organisations.id, key: organisations.key })
              .from(organisations)
              .where(inArray(organisations.key, provinceKeys))
          ).map((p) => [p.key, p.id]),
        )
      : new Map<string, string>();
    const values = list.map((r) => ({
      key: r.key,
      kind: r.kind,
      country: r.country,
      name: r.name,
      status: r.status ?? "active",
      nisCode: r.nis_code,
      kboNumber: r.kbo_number,
      cbsCode: r.cbs_code,
      kvkNumber: r.kvk_number,
      oin: r.oin,
      provinceId: r.province_key ? (provinces.get(r.province_key) ?? null) : null,
      population: r.population,
      populationDate: r.population_date,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      website: r.website,
      source: r.source ?? "import",
    }));
    const set = Object.fromEntries(
      [
        "kind",
        "country",
        "name",
        "status",
        "nis_code",
        "kbo_number",
        "cbs_code",
        "kvk_number",
        "oin",
        "province_id",
        "population",
        "population_date",
        "valid_from",
        "valid_to",
        "website",
        "source",
      ].map((c) => [c.replace(/_([a-z])/g, (_m, l: string) => l.toUpperCase()), sql.raw(`excluded.${c}`)]),
    );
    await tx
      .insert(organisations)
      .values(values)
      .onConflictDoUpdate({
        target: organisations.key,
        set: { ...set, version: sql`${organisations.version} + 1`, updatedAt: new Date() },
      });
    return;
  }
  if (kind === "collaborations") {
    const list = rows as RowOf<"collaborations">[];
    const values = list.map((r) => ({
      key: r.key,
      name: r.name,
      form: r.form,
      nature: r.nature ?? "collaboration",
      country: r.country,
      status: r.status ?? "active",
      kboNumber: r.kbo_number,
      cbsCode: r.cbs_code,
      seat: r.seat,
      description: r.description,
      startedOn: r.started_on,
      endedOn: r.ended_on,
      source: r.source ?? "import",
      sourceDate: r.source_date,
    }));
    const set = Object.fromEntries(
      [
        "name",
        "form",
        "nature",
        "country",
        "status",
        "kbo_number",
        "cbs_code",
        "seat",
        "description",
        "started_on",
        "ended_on",
        "source",
        "source_date",
      ].map((c) => [c.replace(/_([a-z])/g, (_m, l: string) => l.toUpperCase()), sql.raw(`excluded.${c}`)]),
    );
    const written = await tx
      .insert(collaborations)
      .values(values)
      .onConflictDoUpdate({
        target: collaborations.key,
        set: { ...set, version: sql`${collaborations.version} + 1`, updatedAt: new Date() },
      })
      .returning({ id: collaborations.id, key: collaborations.key });
    const idOf = new Map(written.map((w) => [w.key, w.id]));
    for (const r of list) {
      if (r.domains === null || r.domains === undefined) continue;
      const id = idOf.get(r.key);
      if (!id) continue;
      await tx.delete(collaborationDomains).where(eq(collaborationDomains.collaborationId, id));
      const ids = r.domains.split(";").filter(Boolean);
      if (ids.length)
        await tx.insert(collaborationDomains).values(ids.map((domainId) => ({ collaborationId: id, domainId })));
    }
    return;
  }
  const list = rows as RowOf<"memberships">[];
  const orgIds = new Map(
    (
      await tx
        .select({ id: organisations.id, key: organisations.key })
        .from(organisations)
        .where(inArray(organisations.key, [...new Set(list.map((r) => r.organisation_key))]))
    ).map((o) => [o.key, o.id]),
  );
  const collaborationIds = new Map(
    (
      await tx
        .select({ id: collaborations.id, key: collaborations.key })
        .from(collaborations)
        .where(inArray(collaborations.key, [...new Set(list.map((r) => r.collaboration_key))]))
    ).map((c) => [c.key, c.id]),
  );
  for (const r of list) {
    const collaborationId = collaborationIds.get(r.collaboration_key);
    const organisationId = orgIds.get(r.organisation_key);
    if (!collaborationId || !organisationId) continue;
    const fields = {
      shareBasisPoints: r.share_basis_points,
      validTo: r.valid_to,
      source: r.source ?? "import",
      sourceDate: r.source_date,
    };
    const [existing] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.collaborationId, collaborationId),
          eq(memberships.organisationId, organisationId),
          eq(memberships.role, r.role),
          r.valid_from ? eq(memberships.validFrom, r.valid_from) : isNull(memberships.validFrom),
        ),
      );
    if (existing)
      await tx
        .update(memberships)
        .set({ ...fields, version: sql`${memberships.version} + 1` })
        .where(eq(memberships.id, existing.id));
    else
      await tx
        .insert(memberships)
        .values({ ...fields, collaborationId, organisationId, role: r.role, validFrom: r.valid_from });
  }
}

/**
 * Imports organisations, collaborations or memberships from CSV or JSON. Everything is validated first and every
 * bad row reported with its line; nothing is written unless the whole file is valid, or `skipInvalid` is set (then
 * the valid rows are written and the skipped ones reported). One transaction; one audit record.
 */
export async function importFile(
  db: Db,
  ctx: RequestContext,
  input: {
    kind: TransferKind;
    format: "csv" | "json";
    content: Uint8Array | string;
    skipInvalid?: boolean;
    dryRun?: boolean;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ImportReport> {
  authorize(registerPolicy, ctx.actor, "import", null);
  const read = readImportFile(input.kind, input.format, input.content, languageOfContext(ctx));
  const report: ImportReport = {
    kind: input.kind,
    rows: read.rows.length,
    valid: 0,
    written: 0,
    skipped: 0,
    dryRun: input.dryRun ?? false,
    problems: read.problems,
  };
  if (read.rows.length === 0) return report;
  return db.transaction(async (tx) => {
    const { valid, problems } = await validate(tx, input.kind, read.rows, languageOfContext(ctx));
    report.valid = valid.length;
    report.problems = [...read.problems, ...problems];
    const invalidLines = new Set(report.problems.map((p) => p.line));
    report.skipped = read.rows.filter((r) => invalidLines.has(r.line)).length;
    if (report.dryRun || (report.problems.length > 0 && !input.skipInvalid)) return report;
    const rows = valid.map((v) => v.row);
    const batch = 250;
    for (let i = 0; i < rows.length; i += batch) {
      await writeRows(tx, input.kind, rows.slice(i, i + batch));
      input.onProgress?.(Math.min(i + batch, rows.length), rows.length);
    }
    report.written = rows.length;
    await recordAudit(tx, ctx, {
      entityType: "register",
      entityId: input.kind,
      ownerOrganisationId: null,
      action: "import",
      after: { format: input.format, rows: report.rows, written: report.written, skipped: report.skipped },
    });
    return report;
  });
}
