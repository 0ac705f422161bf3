import { eq } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { councilChapters } from "../../platform/db/schema.ts";
import { putPerOrganisation } from "../../platform/db/versioned.ts";
import { sayDay, sayEuro, sayNumber } from "../../platform/i18n.ts";
import { authorize } from "../../platform/policy.ts";
import { councilView } from "../council/council-view.ts";
import { councilPolicy } from "../council/policy.ts";
import { opportunitiesOf } from "./opportunities.ts";
import { inferTaskAreas } from "./task-areas.ts";

/**
 * The three goals of "Gemeente van de Toekomst" a chapter is ordered by, and the task areas under each: the living
 * environment (mobility, environment and energy, economy, housing, culture and leisure), the social domain (care,
 * welfare, education, public health in the Netherlands' scheme) and governance (administration, support, safety).
 */
export const futureGoals = [
  {
    key: "livingEnvironment",
    title: "Een leefomgeving waar de samenleving het voortouw neemt",
    areas: ["bbc:2", "bbc:3", "bbc:5", "bbc:6", "bbc:7", "iv3:2", "iv3:3", "iv3:5", "iv3:7", "iv3:8"],
  },
  {
    key: "socialDomain",
    title: "Een sterk, flexibel en veerkrachtig sociaal domein",
    areas: ["bbc:8", "bbc:9", "iv3:4", "iv3:6"],
  },
  {
    key: "governance",
    title: "Een toekomstbestendig bestuur",
    areas: ["bbc:0", "bbc:1", "bbc:4", "iv3:0", "iv3:1"],
  },
] as const;

const goalOfArea = (area: string) => futureGoals.find((g) => (g.areas as readonly string[]).includes(area))?.key;
const euro = (cents: number) => sayEuro(cents, "nl");

/**
 * A draft chapter on intermunicipal collaboration for the council programme, in Dutch, with the municipality's own
 * figures and where each comes from: its arrangements, what it pays, where its neighbours and peers work together
 * and it does not, and what it could join, ordered by the three goals.
 */
export async function draftChapter(db: Queryable, actor: Actor, organisationId: string, asOf: string) {
  const [opportunities, council] = await Promise.all([
    opportunitiesOf(db, actor, organisationId, asOf),
    councilView(db, actor, organisationId, asOf),
  ]);
  const name = opportunities.organisation.name;
  const lines: string[] = [];
  const { collaboration, outsourcing } = opportunities.portfolio;
  lines.push(`# Intergemeentelijke samenwerking in ${name}`, "");
  lines.push(
    `${name} neemt op ${sayDay(asOf, "nl")} deel aan ${collaboration + outsourcing} samenwerkingsverbanden: ${collaboration} daarvan zijn echte samenwerking tussen besturen, ${outsourcing} zijn uitbesteding aan een andere organisatie. ` +
      `De gemeente grenst aan ${opportunities.neighbours.length} gemeenten${opportunities.neighbours.length ? ` (${opportunities.neighbours.map((n) => n.name).join(", ")})` : ""}.`,
    "",
  );
  const lastYear = council.totals.byYear.filter((y) => y.year <= Number(asOf.slice(0, 4))).at(-1);
  if (lastYear) {
    lines.push(
      `In ${lastYear.year} betaalt de gemeente ${euro(lastYear.cents)} aan haar samenwerkingsverbanden en gezamenlijke aankopen, voor zover die bedragen in Samen staan (afrekeningen en voorschotten van gedeelde diensten, gezamenlijke aankopen en ingevoerde bijdragen).`,
      "",
    );
  }
  lines.push(
    "Dit hoofdstuk volgt de drie doelen van de Gemeente van de Toekomst. Per doel staat wat we vandaag samen doen, waar onze buren en vergelijkbare gemeenten samenwerken en wij niet, en wat we kunnen aansluiten, met een geraamde besparing en de aannames erachter.",
    "",
  );

  const own = council.collaborations;
  for (const goal of futureGoals) {
    lines.push(`## ${goal.title}`, "");
    const ours = own.filter((c) =>
      inferTaskAreas(opportunities.country, c.collaboration.name).some((a) => goalOfArea(a) === goal.key),
    );
    if (ours.length) {
      lines.push("Wat we vandaag samen doen:", "");
      for (const c of ours) {
        const kind = c.collaboration.nature === "outsourcing" ? "uitbesteding" : "samenwerking";
        lines.push(
          `- ${c.collaboration.name} (${kind}${c.totalCents ? `; ${euro(c.totalCents)} in totaal volgens Samen` : ""})`,
        );
      }
      lines.push("");
    }
    const gaps = opportunities.gaps.filter((g) => goalOfArea(g.area.id) === goal.key);
    if (gaps.length) {
      lines.push("Waar onze buren en vergelijkbare gemeenten samenwerken en wij niet:", "");
      for (const g of gaps) {
        const parts = [];
        if (g.neighbours.of) parts.push(`${g.neighbours.sharing} van onze ${g.neighbours.of} buurgemeenten`);
        if (g.peers.of) parts.push(`${g.peers.sharing} van ${g.peers.of} vergelijkbare gemeenten in de provincie`);
        lines.push(`- **${g.area.name}**: ${parts.join("; ")}.`);
      }
      lines.push("");
    }
    const joinable = opportunities.joinable.filter((j) =>
      goal.key === "governance"
        ? j.kind !== "collaboration"
        : j.kind === "collaboration" &&
          inferTaskAreas(opportunities.country, j.title).some((a) => goalOfArea(a) === goal.key),
    );
    if (joinable.length) {
      lines.push("Wat we kunnen aansluiten:", "");
      for (const j of joinable.slice(0, 8)) {
        const b = j.estimate.basis;
        const basis =
          b.kind === "perInhabitant"
            ? `${sayNumber(b.population, "nl")} inwoners × € ${sayNumber(b.euroPerInhabitant, "nl")} per inwoner`
            : `een jaarlijkse uitgave van € ${sayNumber(b.yearlySpendEuro, "nl")}`;
        lines.push(
          `- ${j.title}${j.partner ? ` (${j.partner.name})` : ""}: geraamde besparing € ${sayNumber(j.estimate.savingEuro, "nl")} per jaar (${sayNumber(j.estimate.savingPercent, "nl")} % van ${basis}).`,
        );
      }
      lines.push("");
    }
    if (!ours.length && !gaps.length && !joinable.length) {
      lines.push("Samen kent hier nog geen samenwerking of kans voor de gemeente.", "");
    }
  }

  lines.push("## Grip van de raad", "");
  lines.push(
    "De raad volgt elke samenwerking op: wie de gemeente vertegenwoordigt, wat ze kost en wanneer de raad zijn zienswijze of mandaat geeft.",
    "",
  );
  for (const d of council.deadlines.slice(0, 6)) {
    const what = `${d.title.nl.charAt(0).toLowerCase()}${d.title.nl.slice(1)}`;
    lines.push(`- ${sayDay(d.dueOn, "nl")}: ${d.collaboration.name}, ${what}. Bron: ${d.source.citation}.`);
  }
  if (council.deadlines.length) lines.push("");

  lines.push("## Bronnen", "");
  lines.push(
    `- Samenwerkingsverbanden en deelnames: het register van Samen op ${sayDay(asOf, "nl")} (officiële lijsten van intergemeentelijke samenwerkingsverbanden en gemeenschappelijke regelingen, aangevuld door de besturen).`,
    "- Buurgemeenten: de gemeentegrenzen die Samen meelevert; vergelijkbare gemeenten: dezelfde provincie en grootteklasse.",
    "- Beleidsdomeinen: ingevoerd bij de samenwerking, of afgeleid uit haar naam (zie de toelichting in Samen).",
    "- Bedragen: afrekeningen en begrotingen van gedeelde diensten, gezamenlijke aankopen en door de gemeente ingevoerde bijdragen.",
    "- Besparingen zijn ramingen: ze steunen op de vermelde aannames, die u op de pagina Kansen aanpast.",
  );
  return `${lines.join("\n").trim()}\n`;
}

async function savedChapter(db: Queryable, actor: Actor, organisationId: string) {
  authorize(councilPolicy, actor, "read", { organisationId }, { conceal: "organisation" });
  const [saved] = await db.select().from(councilChapters).where(eq(councilChapters.organisationId, organisationId));
  return saved;
}

/** The chapter's text to download: as saved, drafted from the figures only when nothing is saved. */
export async function chapterText(db: Queryable, actor: Actor, organisationId: string, asOf: string) {
  const saved = await savedChapter(db, actor, organisationId);
  return saved?.body ?? (await draftChapter(db, actor, organisationId, asOf));
}

/** The chapter as saved, or the draft when nothing is saved yet (version 0), with the draft to start over from. */
export async function getChapter(db: Queryable, actor: Actor, organisationId: string, asOf: string) {
  const saved = await savedChapter(db, actor, organisationId);
  const draft = await draftChapter(db, actor, organisationId, asOf);
  return {
    body: saved?.body ?? draft,
    draft,
    saved: !!saved,
    version: saved?.version ?? 0,
    updatedAt: saved?.updatedAt.toISOString() ?? null,
    abilities: { keep: councilPolicy.keep(actor, { organisationId }) },
  };
}

/** Saves the edited chapter; version 0 when nothing was saved before. */
export async function saveChapter(
  tx: Tx,
  ctx: RequestContext,
  organisationId: string,
  expectedVersion: number,
  body: string,
) {
  authorize(councilPolicy, ctx.actor, "keep", { organisationId }, { conceal: "organisation" });
  const [saved] = await tx.select().from(councilChapters).where(eq(councilChapters.organisationId, organisationId));
  const version = await putPerOrganisation(tx, councilChapters, organisationId, saved?.version ?? 0, expectedVersion, {
    body,
    updatedBy: ctx.actor.userId,
  });
  await recordAudit(tx, ctx, {
    entityType: "council_chapter",
    entityId: organisationId,
    ownerOrganisationId: organisationId,
    action: saved ? "update" : "create",
    before: saved ? { length: saved.body.length } : undefined,
    after: { length: body.length },
  });
  return version;
}
