import { describe, expect, it } from "vitest";
import { compileSurvey, validateAnswers } from "./answer-check.ts";
import { type Factor, factorScores, factors, gapsOf, ladderStep, nextSteps, scanDefinition } from "./scan.ts";

const party = (draagvlak: number, historiek: number, middelen: number, kansen: number, organisatie: number) => ({
  draagvlak,
  historiek,
  middelen,
  kansen,
  organisatie,
});

/** An answer that scores `value` (1–5) on every statement of every factor. */
const answer = (value: number) =>
  Object.fromEntries(factors.map((f) => [f, Object.fromEntries([1, 2, 3, 4].map((i) => [`${f}${i}`, value]))]));

describe("the readiness scan", () => {
  it("is a SurveyJS definition every statement of which must be answered", () => {
    const { problems } = validateAnswers(compileSurvey(scanDefinition()), { draagvlak: { draagvlak1: 4 } }, "en");
    expect(problems.map((p) => p.question)).toEqual([...factors]);
    expect(validateAnswers(compileSurvey(scanDefinition()), answer(3), "en").problems).toEqual([]);
  });

  it("scores each factor from 0 (all 1) to 100 (all 5)", () => {
    expect(factorScores(answer(1))).toEqual(party(0, 0, 0, 0, 0));
    expect(factorScores(answer(5))).toEqual(party(100, 100, 100, 100, 100));
    expect(
      factorScores({ ...answer(3), middelen: { middelen1: 5, middelen2: 4, middelen3: 2, middelen4: 1 } }).middelen,
    ).toBe(50);
  });

  it("goes as far as the weakest factor of the weakest party allows", () => {
    expect(ladderStep([party(90, 85, 82, 88, 80), party(85, 90, 84, 81, 83)]).step).toBe(6);
    expect(ladderStep([party(75, 72, 70, 78, 74), party(71, 73, 75, 72, 70)]).step).toBe(5);
    expect(ladderStep([party(65, 60, 62, 68, 70), party(63, 61, 66, 62, 64)]).step).toBe(4);
    expect(ladderStep([party(55, 50, 45, 60, 50), party(50, 52, 47, 55, 58)]).step).toBe(3);
    expect(ladderStep([party(55, 40, 35, 60, 50), party(50, 52, 47, 55, 58)]).step).toBe(2);
    expect(ladderStep([party(55, 20, 35, 60, 50), party(50, 52, 47, 55, 58)]).step).toBe(1);
  });

  it("takes a step off when the parties see a factor differently, two when they are far apart", () => {
    const one = ladderStep([party(85, 85, 85, 85, 85), party(85, 85, 85, 85, 85 - 0)]);
    expect(one.step).toBe(6);
    const apart = ladderStep([party(100, 90, 90, 90, 90), party(72, 90, 90, 90, 90)]);
    expect(apart).toEqual({
      step: 4,
      because: [
        { rule: "weakest", factor: "draagvlak", value: 72, capsAt: 5 },
        { rule: "gap", factor: "draagvlak", value: 28, capsAt: 4 },
      ],
    });
    expect(ladderStep([party(100, 90, 90, 90, 90), party(85, 90, 90, 50, 90)]).because[1]).toEqual({
      rule: "gap",
      factor: "kansen",
      value: 40,
      capsAt: 1,
    });
  });

  it("goes no further than a shared tool without support", () => {
    expect(ladderStep([party(45, 90, 90, 90, 90), party(48, 90, 90, 90, 90)])).toEqual({
      step: 2,
      because: [
        { rule: "weakest", factor: "draagvlak", value: 45, capsAt: 3 },
        { rule: "support", factor: "draagvlak", value: 45, capsAt: 2 },
      ],
    });
  });

  it("needs two parties, and proposes steps for the weak factors and those seen differently", () => {
    expect(() => ladderStep([party(1, 1, 1, 1, 1)])).toThrow();
    const parties = [party(80, 55, 90, 90, 90), party(80, 70, 60, 90, 90)];
    expect(gapsOf(parties)).toEqual(party(0, 15, 30, 0, 0));
    expect(nextSteps(parties).map((s) => s.factor)).toEqual(["historiek", "middelen"] satisfies Factor[]);
  });
});
