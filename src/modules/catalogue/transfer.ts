import { asc, eq, inArray } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { languageOfContext, type RequestContext } from "../../platform/context.ts";
import {
  type CsvDialect,
  CsvSyntaxError,
  delimiterName,
  readCsv,
  readUploadedText,
  writeCsv,
} from "../../platform/csv.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { catalogueEntries, catalogueEntryDomains, policyDomains, searchSynonyms } from "../../platform/db/schema.ts";
import { type Language, type Message, say, sayIssue, zodErrors } from "../../platform/i18n.ts";
import { entryFieldNames } from "../../platform/vocabulary.ts";
import { type EntryFields, insertEntry, searchChanged, updateEntry } from "./entries.ts";
import { catalogueFor } from "./queries.ts";
import { entryFields, entryKey } from "./schemas.ts";

/**
 * A catalogue moves between installations as JSON (`{ format, entries, synonyms }`) or as CSV (one entry per row,
 * lists separated by `|`). Entries match on their key: a known key is updated (a new revision), a new one is added.
 * The file is checked whole first; with any problem nothing is written.
 */
export const catalogueFormat = "samen-catalogue/1";
/** One column per field an entry has, after its key; the provider of the offer is an id of one installation only. */
export const catalogueCsvColumns: readonly string[] = ["key", ...entryFieldNames.filter((f) => f !== "offeredById")];
const listColumns = ["tags", "synonyms", "relatedKeys", "domainIds"] as const;

const importRow = entryFields.extend({ key: entryKey }).strict();
type ImportRow = EntryFields & { key: string };

export interface CatalogueProblem {
  line: number;
  field: string;
  message: string;
}

async function exportEntries(db: Queryable, providerId: string) {
  const entries = await db
    .select()
    .from(catalogueEntries)
    .where(eq(catalogueEntries.providerId, providerId))
    .orderBy(asc(catalogueEntries.theme), asc(catalogueEntries.key));
  const domains = entries.length
    ? await db
        .select()
        .from(catalogueEntryDomains)
        .where(
          inArray(
            catalogueEntryDomains.entryId,
            entries.map((e) => e.id),
          ),
        )
        .orderBy(asc(catalogueEntryDomains.domainId))
    : [];
  const domainsOf = new Map<string, string[]>();
  for (const d of domains) domainsOf.set(d.entryId, [...(domainsOf.get(d.entryId) ?? []), d.domainId]);
  return entries.map((e) => ({
    key: e.key,
    question: e.question,
    answer: e.answer,
    theme: e.theme,
    status: e.status,
    service: e.service,
    conditions: e.conditions,
    price: e.price,
    contact: e.contact,
    tags: e.tags,
    synonyms: e.synonyms,
    relatedKeys: e.relatedKeys,
    domainIds: domainsOf.get(e.id) ?? [],
  }));
}

/** The whole catalogue (every status) and its synonym groups, for the provider's coordinators. */
export async function exportCatalogue(
  db: Queryable,
  actor: Actor,
  providerId: string,
  format: "json" | "csv",
  dialect: CsvDialect = "rfc4180",
) {
  const catalogue = await catalogueFor(db, actor, providerId, "manage");
  const entries = await exportEntries(db, providerId);
  if (format === "csv") {
    return writeCsv(
      catalogueCsvColumns,
      entries.map((e) => ({
        ...e,
        tags: e.tags.join("|"),
        synonyms: e.synonyms.join("|"),
        relatedKeys: e.relatedKeys.join("|"),
        domainIds: e.domainIds.join("|"),
      })),
      { dialect },
    );
  }
  const synonyms = await db
    .select({ terms: searchSynonyms.terms })
    .from(searchSynonyms)
    .where(eq(searchSynonyms.providerId, providerId))
    .orderBy(asc(searchSynonyms.createdAt));
  return `${JSON.stringify(
    {
      format: catalogueFormat,
      provider: catalogue.provider.name,
      exportedAt: new Date().toISOString(),
      entries,
      synonyms: synonyms.map((s) => s.terms),
    },
    null,
    2,
  )}\n`;
}

/** Reads the rows and synonym groups of a file, or says why it cannot. */
export function readCatalogueFile(format: "json" | "csv", content: Uint8Array, language: Language = "nl") {
  const words = (message: Message) => say(language, message);
  const read = readUploadedText(content);
  if ("problem" in read)
    return { rows: [], synonyms: [], problems: [{ line: 0, field: "file", message: words(read.problem) }] };
  const { text } = read;
  if (format === "json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return {
        rows: [],
        synonyms: [],
        problems: [
          {
            line: 0,
            field: "file",
            message: words({ key: "import.notJson", params: { reason: (error as Error).message } }),
          },
        ],
      };
    }
    const body = (Array.isArray(parsed) ? { entries: parsed } : parsed) as { entries?: unknown; synonyms?: unknown };
    if (!Array.isArray(body?.entries)) {
      return {
        rows: [],
        synonyms: [],
        problems: [{ line: 0, field: "entries", message: words({ key: "import.notEntryList" }) }],
      };
    }
    const synonyms = Array.isArray(body.synonyms) ? body.synonyms : [];
    return {
      rows: body.entries.map((values, i) => ({ line: i + 1, values: values as unknown })),
      synonyms,
      problems: [],
    };
  }
  let csv: ReturnType<typeof readCsv>;
  try {
    csv = readCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      return { rows: [], synonyms: [], problems: [{ line: error.line, field: "file", message: words(error.problem) }] };
    throw error;
  }
  const records = csv.rows;
  const { header } = csv;
  const unknown = header.filter((c) => !(catalogueCsvColumns as readonly string[]).includes(c));
  const missing = ["key", "question", "theme"].filter((c) => !header.includes(c));
  if (unknown.length || missing.length) {
    const delimiter = delimiterName(csv.delimiter);
    const expected = catalogueCsvColumns.join(", ");
    return {
      rows: [],
      synonyms: [],
      problems: [
        ...(missing.length
          ? [
              {
                line: 1,
                field: "header",
                message: words({ key: "import.missingColumns", params: { columns: missing.join(", "), delimiter } }),
              },
            ]
          : []),
        ...(unknown.length
          ? [
              {
                line: 1,
                field: "header",
                message: words({
                  key: "import.unknownColumns",
                  params: { columns: unknown.join(", "), expected, delimiter },
                }),
              },
            ]
          : []),
      ],
    };
  }
  const rows = records.map((r) => {
    const values: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(r.values)) {
      if ((listColumns as readonly string[]).includes(column))
        values[column] = value
          .split("|")
          .map((s) => s.trim())
          .filter(Boolean);
      else if (value === "" && column !== "answer") continue;
      else values[column] = value;
    }
    return { line: r.line, values: values as unknown };
  });
  return { rows, synonyms: [], problems: [] };
}

export interface CatalogueImportReport {
  entries: number;
  created: number;
  updated: number;
  synonyms: number;
  dryRun: boolean;
  problems: CatalogueProblem[];
}

/** Imports a catalogue file into the provider's catalogue, whole or not at all. */
export async function importCatalogue(
  tx: Tx,
  ctx: RequestContext,
  providerId: string,
  file: { format: "json" | "csv"; content: Uint8Array; dryRun: boolean; isDemo?: boolean },
): Promise<CatalogueImportReport> {
  const catalogue = await catalogueFor(tx, ctx.actor, providerId, "manage");
  const language = languageOfContext(ctx);
  const words = (message: Message) => say(language, message);
  const read = readCatalogueFile(file.format, file.content, language);
  const problems: CatalogueProblem[] = [...read.problems];
  const valid: { line: number; row: ImportRow }[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of read.rows) {
    const parsed = importRow.safeParse(values, { error: zodErrors(language) });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ line, field: issue.path.join(".") || "entry", message: sayIssue(language, issue) });
      continue;
    }
    const first = seen.get(parsed.data.key);
    if (first !== undefined) {
      problems.push({ line, field: "key", message: words({ key: "import.repeatsLine", params: { line: first } }) });
      continue;
    }
    seen.set(parsed.data.key, line);
    valid.push({ line, row: parsed.data as ImportRow });
  }
  const synonymGroups: string[][] = [];
  read.synonyms.forEach((group, i) => {
    const terms = Array.isArray(group)
      ? group.filter((t): t is string => typeof t === "string" && t.trim() !== "")
      : [];
    if (terms.length < 2)
      problems.push({ line: 0, field: `synonyms.${i}`, message: words({ key: "import.synonymTerms" }) });
    else synonymGroups.push(terms.map((t) => t.trim().toLowerCase()));
  });
  const existing = new Map(
    (
      await tx
        .select({ id: catalogueEntries.id, key: catalogueEntries.key, version: catalogueEntries.version })
        .from(catalogueEntries)
        .where(eq(catalogueEntries.providerId, providerId))
    ).map((e) => [e.key, e]),
  );
  const domainIds = [...new Set(valid.flatMap((v) => v.row.domainIds))];
  const knownDomains = new Set(
    domainIds.length
      ? (await tx.select({ id: policyDomains.id }).from(policyDomains).where(inArray(policyDomains.id, domainIds))).map(
          (d) => d.id,
        )
      : [],
  );
  for (const { line, row } of valid) {
    for (const d of row.domainIds)
      if (!knownDomains.has(d))
        problems.push({
          line,
          field: "domainIds",
          message: words({ key: "import.notPolicyDomain", params: { ids: d } }),
        });
    for (const k of row.relatedKeys) {
      if (!seen.has(k) && !existing.has(k))
        problems.push({
          line,
          field: "relatedKeys",
          message: words({ key: "import.unknownRelated", params: { key: k } }),
        });
    }
  }
  const report: CatalogueImportReport = {
    entries: read.rows.length,
    created: 0,
    updated: 0,
    synonyms: 0,
    dryRun: file.dryRun,
    problems,
  };
  if (problems.length || file.dryRun) return report;
  // Related keys were checked against the file and the catalogue above; they may point to entries further on.
  for (const { row } of valid) {
    const { key, ...fields } = row;
    const known = existing.get(key);
    if (known) {
      await updateEntry(tx, ctx, known.id, known.version, fields, { relatedChecked: true });
      report.updated++;
    } else {
      await insertEntry(tx, ctx, catalogue, fields, { key, relatedChecked: true, isDemo: file.isDemo ?? false });
      report.created++;
    }
  }
  if (synonymGroups.length) {
    const current = await tx
      .select({ terms: searchSynonyms.terms })
      .from(searchSynonyms)
      .where(eq(searchSynonyms.providerId, providerId));
    const have = new Set(current.map((c) => [...c.terms].sort().join("|")));
    const fresh = synonymGroups.filter((g) => !have.has([...g].sort().join("|")));
    if (fresh.length) {
      await tx.insert(searchSynonyms).values(fresh.map((terms) => ({ providerId, terms })));
      await searchChanged(tx, providerId);
    }
    report.synonyms = fresh.length;
  }
  await recordAudit(tx, ctx, {
    entityType: "catalogue",
    entityId: providerId,
    ownerOrganisationId: providerId,
    action: "import",
    after: { created: report.created, updated: report.updated, synonyms: report.synonyms },
  });
  return report;
}
