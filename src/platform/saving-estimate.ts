/**
 * An estimated yearly saving of joining something, from stated assumptions a reader can change: a yearly amount it
 * applies to (the organisation's own spend on the task, or its inhabitants times a cost per inhabitant) and the
 * share of it that doing it together saves. Shared by the server (the figure it reports) and the web app (the
 * figure it recomputes as the reader changes an assumption), so both always agree.
 */
export type EstimateBasis =
  | { kind: "perInhabitant"; population: number; euroPerInhabitant: number }
  | { kind: "spend"; yearlySpendEuro: number };

export interface Estimate {
  basis: EstimateBasis;
  savingPercent: number;
}

/** The yearly amount the saving applies to, in whole euros. */
export const basisEuro = (basis: EstimateBasis) =>
  basis.kind === "perInhabitant" ? basis.population * basis.euroPerInhabitant : basis.yearlySpendEuro;

/** The estimated yearly saving in whole euros; never negative. */
export const estimatedSavingEuro = (estimate: Estimate) =>
  Math.max(0, Math.round((basisEuro(estimate.basis) * estimate.savingPercent) / 100));
