import { and, eq, inArray } from "drizzle-orm";
import { type RequestContext, systemContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { organisations, surveyInvitations, surveyResponses, surveys } from "../../platform/db/schema.ts";
import { pickWeighted, seededRandom } from "../../platform/random.ts";
import { compileSurvey, validateAnswers } from "../surveys/answer-check.ts";
import { submittedColumns } from "../surveys/answer-items.ts";
import { resolveAudience, segmentsOf, sizeClassOf } from "../surveys/audience.ts";
import { questionsOf } from "../surveys/definition.ts";
import { scanDefinition } from "../surveys/scan.ts";
import { createSurvey } from "../surveys/surveys.ts";

/** The demo's Smart City survey: what a member-relations lead asks at new year, in Dutch and English. */
export const smartCityDefinition = {
  title: { nl: "Smart City-bevraging 2026", en: "Smart City survey 2026" },
  pages: [
    {
      name: "intentie",
      title: { nl: "Instappen", en: "Stepping in" },
      elements: [
        {
          type: "radiogroup",
          name: "wanneer",
          title: {
            nl: "Wanneer wil uw bestuur instappen in smart city?",
            en: "When does your administration want to step into smart city?",
          },
          isRequired: true,
          choices: [
            { value: "dit_jaar", text: { nl: "Dit jaar", en: "This year" } },
            { value: "twee_jaar", text: { nl: "Binnen twee jaar", en: "Within two years" } },
            { value: "vijf_jaar", text: { nl: "Binnen vijf jaar", en: "Within five years" } },
            { value: "niet", text: { nl: "Niet gepland", en: "Not planned" } },
          ],
        },
        {
          type: "radiogroup",
          name: "budget",
          title: { nl: "Welk jaarbudget is realistisch?", en: "What yearly budget is realistic?" },
          isRequired: true,
          visibleIf: "{wanneer} <> 'niet'",
          choices: [
            { value: "tot_10k", text: { nl: "Tot € 10.000", en: "Up to € 10,000" } },
            { value: "10k_50k", text: { nl: "€ 10.000 – € 50.000", en: "€ 10,000 – € 50,000" } },
            { value: "50k_150k", text: { nl: "€ 50.000 – € 150.000", en: "€ 50,000 – € 150,000" } },
            { value: "meer", text: { nl: "Meer dan € 150.000", en: "More than € 150,000" } },
          ],
        },
        {
          type: "checkbox",
          name: "themas",
          title: { nl: "Voor welke thema's?", en: "For which themes?" },
          choices: [
            { value: "mobiliteit", text: { nl: "Mobiliteit en parkeren", en: "Mobility and parking" } },
            { value: "energie", text: { nl: "Energie en klimaat", en: "Energy and climate" } },
            { value: "veiligheid", text: { nl: "Veiligheid", en: "Safety" } },
            { value: "afval", text: { nl: "Afval en netheid", en: "Waste and cleanliness" } },
            { value: "dienstverlening", text: { nl: "Digitale dienstverlening", en: "Digital services" } },
          ],
        },
      ],
    },
    {
      name: "gevolgen",
      title: { nl: "Gevolgen", en: "Consequences" },
      elements: [
        {
          type: "rating",
          name: "personeel",
          title: {
            nl: "Hoeveel vraagt smart city van uw personeel? (1 weinig, 5 veel)",
            en: "How much does smart city ask of your staff? (1 little, 5 a lot)",
          },
          isRequired: true,
          rateMin: 1,
          rateMax: 5,
        },
        {
          type: "rating",
          name: "inwoners",
          title: {
            nl: "Hoe belangrijk is het voor uw inwoners? (1 niet, 5 zeer)",
            en: "How important is it to your residents? (1 not, 5 very)",
          },
          isRequired: true,
          rateMin: 1,
          rateMax: 5,
        },
        {
          type: "boolean",
          name: "samen",
          title: {
            nl: "Wilt u samen met andere besturen instappen?",
            en: "Do you want to step in together with other administrations?",
          },
        },
        { type: "comment", name: "opmerking", title: { nl: "Opmerking", en: "Remark" } },
      ],
    },
  ],
};

const seeded = seededRandom;
const pick = pickWeighted;

const thresholds = [15_000, 30_000];

/**
 * Provincie Limburg's Smart City survey of its municipalities and OCMWs, open, with synthetic answers (marked as
 * demo) from most of them: larger municipalities step in sooner, with more budget, and weigh the residents higher;
 * small ones want to go together. Hasselt and its OCMW have not answered, so the demo's director can.
 */
export async function loadDemoSurveys(tx: Tx) {
  const [limburg] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.key, "be-province-70000"));
  if (!limburg) return 0;
  const [existing] = await tx
    .select({ id: surveys.id })
    .from(surveys)
    .where(and(eq(surveys.ownerOrganisationId, limburg.id), eq(surveys.series, "smart-city")));
  if (existing) return 0;
  const ctx: RequestContext = {
    ...systemContext("demo"),
    actor: { ...systemContext("demo").actor, name: "Lotte Vandereycken", organisationId: limburg.id, role: "admin" },
  };
  const audience = {
    kinds: ["municipality" as const, "ocmw" as const],
    provinceIds: [limburg.id],
    sizeClasses: [],
    collaborationIds: [],
    organisationIds: [],
  };
  // Last year's wave, closed, and this year's, open: the waves share their questions, so the results show the trend.
  let answered = 0;
  for (const wave of [
    { year: 2025, status: "closed" as const, eager: 0.4 },
    { year: 2026, status: "open" as const, eager: 1 },
  ]) {
    answered += await demoWave(tx, ctx, audience, wave);
  }
  return answered;
}

async function demoWave(
  tx: Tx,
  ctx: RequestContext,
  audience: Parameters<typeof resolveAudience>[1],
  wave: { year: number; status: "open" | "closed"; eager: number },
) {
  const { id } = await createSurvey(
    tx,
    ctx,
    {
      title: `Smart City-bevraging ${wave.year}`,
      description:
        "Wanneer stappen de Limburgse besturen in smart city, wat mag het kosten, en wat betekent het voor personeel en inwoners?",
      definition: smartCityDefinition,
      audience,
      sizeThresholds: thresholds,
      deadline: `${wave.year}-12-31`,
      series: "smart-city",
      wave: String(wave.year),
    },
    true,
  );
  const invited = await resolveAudience(tx, audience, thresholds);
  await tx
    .update(surveys)
    .set({
      status: wave.status,
      openedAt: new Date(`${wave.year}-01-05T08:00:00Z`),
      closedAt: wave.status === "closed" ? new Date(`${wave.year}-12-31T23:00:00Z`) : null,
      createdAt: new Date(`${wave.year}-01-04T08:00:00Z`),
    })
    .where(eq(surveys.id, id));
  await tx.insert(surveyInvitations).values(invited.map((organisationId) => ({ surveyId: id, organisationId })));
  // This year Hasselt and its OCMW have not answered yet: the demo's director can.
  const skip = new Set(
    wave.status === "open"
      ? (await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.nisCode, "71072"))).map(
          (o) => o.id,
        )
      : [],
  );
  const random = seeded(wave.year);
  const smartCity = compileSurvey(smartCityDefinition);
  let answered = 0;
  // In the order of their register keys, not of their ids (new at every load): the same answers every time.
  const keys = new Map(
    (
      await tx
        .select({ id: organisations.id, key: organisations.key })
        .from(organisations)
        .where(inArray(organisations.id, invited))
    ).map((o) => [o.id, o.key]),
  );
  const inOrder = [...invited].sort((a, b) => (keys.get(a) ?? a).localeCompare(keys.get(b) ?? b));
  for (const organisationId of inOrder) {
    if (skip.has(organisationId) || random() < 0.15) continue;
    const segments = await segmentsOf(tx, organisationId);
    const size = sizeClassOf(segments.population, thresholds) ?? 0;
    const ocmw = segments.kind === "ocmw";
    const wanneer = pick(random, [
      ["dit_jaar", ([1, 3, 6][size] ?? 1) * wave.eager],
      ["twee_jaar", [3, 5, 4][size] ?? 3],
      ["vijf_jaar", [5, 3, 1][size] ?? 3],
      ["niet", ([3, 1, 0.3][size] ?? 1) / wave.eager],
    ]);
    const data: Record<string, unknown> = {
      wanneer,
      personeel: pick(random, [
        [2, 1],
        [3, 2],
        [4, size === 0 ? 4 : 2],
        [5, size === 0 ? 3 : 1],
      ]),
      inwoners: pick(random, [
        [2, size === 0 ? 3 : 1],
        [3, 3],
        [4, size === 2 ? 4 : 2],
        [5, size === 2 ? 4 : 1],
      ]),
      samen: random() < ([0.85, 0.6, 0.35][size] ?? 0.5),
    };
    if (wanneer !== "niet") {
      data.budget = pick(random, [
        ["tot_10k", [5, 2, 0.5][size] ?? 1],
        ["10k_50k", [3, 4, 2][size] ?? 1],
        ["50k_150k", [0.5, 2, 4][size] ?? 1],
        ["meer", [0.1, 0.5, 3][size] ?? 1],
      ]);
      data.themas = ["mobiliteit", "energie", "veiligheid", "afval", "dienstverlening"].filter(
        (theme) =>
          random() < (theme === "dienstverlening" && ocmw ? 0.9 : theme === "mobiliteit" ? 0.3 + 0.2 * size : 0.4),
      );
    }
    const { problems, clean } = validateAnswers(smartCity, data, "en");
    if (problems.length) throw new Error(`demo answer does not fit: ${JSON.stringify(problems)}`);
    await tx.insert(surveyResponses).values({
      surveyId: id,
      organisationId,
      data: clean,
      status: "submitted",
      ...submittedColumns(smartCity.questions, clean, segments, thresholds),
      lastEditedBy: "demo",
      submittedAt: new Date(`${wave.year}-01-20T10:00:00Z`),
      submittedBy: "demo",
      isDemo: true,
    });
    answered++;
  }
  return answered;
}

/** Every statement of a factor at one value (1–5): the demo's parties answer per factor. */
const scanAnswer = (values: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(values).map(([factor, v]) => [
      factor,
      Object.fromEntries([1, 2, 3, 4].map((i) => [`${factor}${i}`, v])),
    ]),
  );

/**
 * A readiness scan of Hasselt and OCMW Hasselt in 2024 (both answered), and one in 2026 that the municipality
 * answered and the OCMW has not: the demo's director answers it for the OCMW and sees how far they have come.
 */
export async function loadDemoScans(tx: Tx) {
  const parties = await tx
    .select({ id: organisations.id, key: organisations.key })
    .from(organisations)
    .where(inArray(organisations.key, ["be-municipality-71072", "be-ocmw-71072"]));
  const municipality = parties.find((p) => p.key === "be-municipality-71072")?.id;
  const ocmw = parties.find((p) => p.key === "be-ocmw-71072")?.id;
  if (!municipality || !ocmw) return 0;
  const series = `scan:${[municipality, ocmw].sort().join("+")}`;
  const [existing] = await tx.select({ id: surveys.id }).from(surveys).where(eq(surveys.series, series));
  if (existing) return 0;
  const ctx: RequestContext = {
    ...systemContext("demo"),
    actor: { ...systemContext("demo").actor, name: "Pieter Claes", organisationId: municipality, role: "admin" },
  };
  const waves = [
    {
      title: "Samenwerkingsscan Hasselt en OCMW Hasselt 2024",
      wave: "2024-03-01",
      answers: {
        [municipality]: { draagvlak: 4, historiek: 3, middelen: 2, kansen: 4, organisatie: 3 },
        [ocmw]: { draagvlak: 3, historiek: 3, middelen: 2, kansen: 3, organisatie: 2 },
      },
    },
    {
      title: "Samenwerkingsscan Hasselt en OCMW Hasselt 2026",
      wave: "2026-10-01",
      answers: { [municipality]: { draagvlak: 5, historiek: 4, middelen: 3, kansen: 4, organisatie: 4 } },
    },
  ];
  const definition = scanDefinition();
  for (const w of waves) {
    const { id } = await createSurvey(
      tx,
      ctx,
      {
        title: w.title,
        definition,
        audience: {
          kinds: [],
          provinceIds: [],
          sizeClasses: [],
          collaborationIds: [],
          organisationIds: [municipality, ocmw],
        },
        minGroupSize: 2,
        series,
        wave: w.wave,
      },
      true,
      "scan",
    );
    await tx
      .update(surveys)
      .set({
        status: Object.keys(w.answers).length === 2 ? "closed" : "open",
        openedAt: new Date(`${w.wave}T08:00:00Z`),
        createdAt: new Date(`${w.wave}T08:00:00Z`),
      })
      .where(eq(surveys.id, id));
    await tx
      .insert(surveyInvitations)
      .values([municipality, ocmw].map((organisationId) => ({ surveyId: id, organisationId })));
    for (const [organisationId, values] of Object.entries(w.answers)) {
      const data = scanAnswer(values);
      await tx.insert(surveyResponses).values({
        surveyId: id,
        organisationId,
        data,
        status: "submitted",
        ...submittedColumns(questionsOf(definition), data, await segmentsOf(tx, organisationId), [15_000, 50_000]),
        submittedAt: new Date(`${w.wave}T10:00:00Z`),
        submittedBy: "Pieter Claes",
        isDemo: true,
      });
    }
  }
  return waves.length;
}
