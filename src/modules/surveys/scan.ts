/**
 * The readiness scan (samenwerkingsscan): a scored self-assessment that two or more administrations answer, on the
 * success factors of collaboration between a municipality and its OCMW (support, history, resources,
 * opportunities) and a fifth Samen defines: organisational fit. Pure: the instrument, the scores, the gaps, how far
 * the parties can go on the collaboration ladder, and next steps. The rule is in docs/decisions/0012-readiness-scan.md.
 */

export const factors = ["draagvlak", "historiek", "middelen", "kansen", "organisatie"] as const;
export type Factor = (typeof factors)[number];

type Text = { nl: string; en: string };

export const factorNames: Record<Factor, Text> = {
  draagvlak: { nl: "Draagvlak", en: "Support" },
  historiek: { nl: "Historiek", en: "History" },
  middelen: { nl: "Middelen", en: "Resources" },
  kansen: { nl: "Kansen", en: "Opportunities" },
  organisatie: { nl: "Organisatorische fit", en: "Organisational fit" },
};

/** Statements per factor, answered from 1 (not at all) to 5 (fully). */
const items: Record<Factor, Text[]> = {
  draagvlak: [
    {
      nl: "Het bestuur (raad en college) steunt een nauwere samenwerking met de partner.",
      en: "The political leadership supports closer collaboration with the partner.",
    },
    {
      nl: "Het managementteam wil de samenwerking trekken.",
      en: "The management team wants to lead the collaboration.",
    },
    {
      nl: "Medewerkers zien het nut van samenwerken met de partner.",
      en: "Staff see the point of working with the partner.",
    },
    {
      nl: "Er is een gedeelde visie op waar de samenwerking naartoe moet.",
      en: "There is a shared view of where the collaboration should go.",
    },
  ],
  historiek: [
    {
      nl: "We werkten de voorbije jaren al samen aan projecten met de partner.",
      en: "We have worked on projects with the partner in recent years.",
    },
    {
      nl: "Eerdere samenwerking met de partner verliep goed.",
      en: "Earlier collaboration with the partner went well.",
    },
    {
      nl: "Medewerkers van beide besturen kennen elkaar en overleggen geregeld.",
      en: "Staff of both administrations know each other and meet regularly.",
    },
    {
      nl: "Er zijn al gedeelde diensten of afspraken (bv. een gedeeld loket of onthaal).",
      en: "There are shared services or agreements already (e.g. a shared counter or reception).",
    },
  ],
  middelen: [
    { nl: "Er is budget vrijgemaakt voor de samenwerking.", en: "Budget has been set aside for the collaboration." },
    {
      nl: "Er is personeel (tijd) beschikbaar om de samenwerking uit te werken.",
      en: "Staff time is available to work out the collaboration.",
    },
    { nl: "Onze ICT-systemen kunnen gedeeld of gekoppeld worden.", en: "Our ICT systems can be shared or linked." },
    { nl: "Er zijn gebouwen of ruimtes die we kunnen delen.", en: "There are buildings or spaces we can share." },
  ],
  kansen: [
    {
      nl: "Er komt een moment dat samenwerken vanzelf vraagt (nieuw gebouw, pensioen, nieuwe software).",
      en: "A moment is coming that invites working together (a new building, a retirement, new software).",
    },
    {
      nl: "Regelgeving of subsidies moedigen de samenwerking aan.",
      en: "Rules or grants encourage the collaboration.",
    },
    {
      nl: "Inwoners zouden een gezamenlijke dienstverlening merken en waarderen.",
      en: "Residents would notice and value joint services.",
    },
    {
      nl: "Samenwerken lost een concreet probleem op (continuïteit, expertise, kosten).",
      en: "Working together solves a concrete problem (continuity, expertise, cost).",
    },
  ],
  organisatie: [
    { nl: "Onze werkprocessen lijken op die van de partner.", en: "Our working processes resemble the partner's." },
    { nl: "De organisatieculturen passen bij elkaar.", en: "The organisational cultures fit together." },
    {
      nl: "Er is één persoon of team die de samenwerking dagelijks leidt.",
      en: "One person or team leads the collaboration day to day.",
    },
    {
      nl: "Afspraken over wie waarvoor verantwoordelijk is, zijn duidelijk.",
      en: "Agreements on who is responsible for what are clear.",
    },
  ],
};

/** The instrument as a SurveyJS definition: one matrix per factor, every statement required, 1 to 5. */
export function scanDefinition() {
  const columns = [1, 2, 3, 4, 5].map((value) => ({
    value,
    text: {
      nl: ["helemaal niet", "eerder niet", "deels", "grotendeels", "volledig"][value - 1] as string,
      en: ["not at all", "hardly", "partly", "largely", "fully"][value - 1] as string,
    },
  }));
  return {
    title: { nl: "Samenwerkingsscan", en: "Readiness scan" },
    pages: factors.map((factor) => ({
      name: factor,
      title: factorNames[factor],
      elements: [
        {
          type: "matrix",
          name: factor,
          title: factorNames[factor],
          isAllRowRequired: true,
          columns,
          rows: items[factor].map((text, i) => ({ value: `${factor}${i + 1}`, text })),
        },
      ],
    })),
  };
}

/** A party's score per factor, 0 to 100: the mean of its statements, 1 being 0 and 5 being 100. */
export function factorScores(answer: Record<string, unknown>): Record<Factor, number> {
  const out = {} as Record<Factor, number>;
  for (const factor of factors) {
    const cells = Object.values((answer[factor] ?? {}) as Record<string, unknown>)
      .map(Number)
      .filter((v) => v >= 1 && v <= 5);
    const mean = cells.length ? cells.reduce((s, v) => s + v, 0) / cells.length : 1;
    out[factor] = Math.round(((mean - 1) / 4) * 100);
  }
  return out;
}

/** The collaboration ladder, from sharing information to one organisation (PRODUCT.md, module 8). */
export const ladder: { step: number; name: Text }[] = [
  { step: 1, name: { nl: "Informatie delen", en: "Sharing information" } },
  { step: 2, name: { nl: "Gedeelde e-loketten, website en software", en: "Shared e-counters, website and software" } },
  { step: 3, name: { nl: "Geïntegreerd onthaal", en: "An integrated reception desk" } },
  {
    step: 4,
    name: {
      nl: "Samengevoegde ondersteunende diensten (ICT, financiën, personeel)",
      en: "Merged support services (ICT, finance, HR)",
    },
  },
  { step: 5, name: { nl: "Eén gedeelde secretaris of algemeen directeur", en: "One shared secretary or director" } },
  { step: 6, name: { nl: "Eén organisatie met één managementteam", en: "One organisation with one management team" } },
];

export interface LadderAdvice {
  step: number;
  /** Why it is this step: the rule's parts, in order. */
  because: { rule: "weakest" | "gap" | "support"; factor: Factor | null; value: number; capsAt: number }[];
}

/**
 * How far the parties can go on the ladder. The weakest factor of the weakest party sets the step (below 30: 1;
 * 30: 2; 45: 3; 60: 4; 70: 5; 80 and up: 6). A large difference between the parties on one factor takes one step
 * off (25 points or more) or two (40 or more): they see the collaboration differently. Support is decisive: below
 * 50 for any party, no step beyond 2 (shared tools need no one's conviction; a shared reception does).
 */
export function ladderStep(parties: Record<Factor, number>[]): LadderAdvice {
  if (parties.length < 2) throw new Error("a scan needs two parties or more");
  const because: LadderAdvice["because"] = [];
  let weakest: { factor: Factor; value: number } = { factor: factors[0], value: 101 };
  for (const p of parties) for (const f of factors) if (p[f] < weakest.value) weakest = { factor: f, value: p[f] };
  const bounds = [30, 45, 60, 70, 80];
  let step = 1 + bounds.filter((b) => weakest.value >= b).length;
  because.push({ rule: "weakest", factor: weakest.factor, value: weakest.value, capsAt: step });
  const gaps = gapsOf(parties);
  const widest = factors.reduce((a, f) => (gaps[f] > gaps[a] ? f : a), factors[0]);
  const gap = gaps[widest];
  if (gap >= 25) {
    const capped = Math.max(1, step - (gap >= 40 ? 2 : 1));
    because.push({ rule: "gap", factor: widest, value: gap, capsAt: capped });
    step = capped;
  }
  const support = Math.min(...parties.map((p) => p.draagvlak));
  if (support < 50 && step > 2) {
    because.push({ rule: "support", factor: "draagvlak", value: support, capsAt: 2 });
    step = 2;
  }
  return { step, because };
}

/** Per factor, the difference between the highest and the lowest party. */
export function gapsOf(parties: Record<Factor, number>[]): Record<Factor, number> {
  const out = {} as Record<Factor, number>;
  for (const f of factors) {
    const values = parties.map((p) => p[f]);
    out[f] = Math.max(...values) - Math.min(...values);
  }
  return out;
}

const steps: Record<Factor, Text[]> = {
  draagvlak: [
    {
      nl: "Organiseer een gezamenlijke sessie van beide besturen en managementteams over het waarom van de samenwerking.",
      en: "Hold a joint session of both boards and management teams on why to collaborate.",
    },
    {
      nl: "Schrijf samen een korte visienota met twee of drie concrete doelen.",
      en: "Write a short joint vision note with two or three concrete goals.",
    },
  ],
  historiek: [
    {
      nl: "Begin met een klein gezamenlijk project met snel resultaat (bv. één gezamenlijke aankoop).",
      en: "Start with a small joint project with quick results (e.g. one joint purchase).",
    },
    {
      nl: "Laat teams van beide besturen geregeld overleggen en elkaars werk leren kennen.",
      en: "Have teams of both administrations meet regularly and learn each other's work.",
    },
  ],
  middelen: [
    {
      nl: "Breng personeel, budget, ICT en gebouwen van beide besturen in kaart.",
      en: "Map the staff, budget, ICT and buildings of both administrations.",
    },
    {
      nl: "Spreek een verdeelsleutel af voor gedeelde kosten en zoek subsidies.",
      en: "Agree on a key for shared costs and look for grants.",
    },
  ],
  kansen: [
    {
      nl: "Leg de komende vervangingen en pensioneringen naast elkaar en zoek momenten om samen te beslissen.",
      en: "Compare upcoming replacements and retirements and find moments to decide together.",
    },
    {
      nl: "Koppel de samenwerking aan een zichtbaar probleem van inwoners (bv. één onthaal).",
      en: "Link the collaboration to a visible problem for residents (e.g. one reception).",
    },
  ],
  organisatie: [
    {
      nl: "Wijs één trekker aan die de samenwerking dagelijks opvolgt.",
      en: "Appoint one lead who follows up the collaboration every day.",
    },
    {
      nl: "Stem één werkproces af (bv. facturatie of onthaal) voor je organisaties samenvoegt.",
      en: "Align one working process (e.g. invoicing or reception) before merging organisations.",
    },
  ],
};

/** Pragmatic next steps for the weak factors: any party below 60, or parties 25 or more apart. */
export function nextSteps(parties: Record<Factor, number>[]) {
  const gaps = gapsOf(parties);
  return factors
    .filter((f) => Math.min(...parties.map((p) => p[f])) < 60 || gaps[f] >= 25)
    .map((f) => ({ factor: f, name: factorNames[f], steps: steps[f] }));
}
