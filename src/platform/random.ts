/**
 * A small deterministic random generator (mulberry32): the same seed gives the same sequence, so synthetic data
 * (the demo's answers, the benchmark's catalogue, the country-scale data set) is the same at every load.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** One of the values, each as likely as its weight. */
export function pickWeighted<T>(random: () => number, weights: readonly (readonly [T, number])[]): T {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [value, w] of weights) {
    r -= w;
    if (r <= 0) return value;
  }
  return weights[weights.length - 1]?.[0] as T;
}

/** One of the values, all equally likely. */
export const pickOne = <T>(random: () => number, values: readonly T[]): T =>
  values[Math.floor(random() * values.length)] as T;

/** A whole number from `min` to `max`, both included. */
export const between = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
