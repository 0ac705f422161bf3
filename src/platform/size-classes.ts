/**
 * Made once: a number format is costly to make (its locale's data is read into many small native allocations),
 * and one made per request left the server's native heap fragmented under load (decision 29).
 */
const nf = new Intl.NumberFormat("nl-BE");

/** The size classes of a survey in words: "0–14.999", "15.000–49.999", "50.000+". */
export function sizeClassLabels(thresholds: readonly number[]): string[] {
  return [0, ...thresholds].map((from, i) => {
    const to = thresholds[i];
    return to === undefined ? `${nf.format(from)}+` : `${nf.format(from)}–${nf.format(to - 1)}`;
  });
}
