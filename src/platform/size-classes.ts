/** The size classes of a survey in words: "0–14.999", "15.000–49.999", "50.000+". */
export function sizeClassLabels(thresholds: readonly number[]): string[] {
  const nf = new Intl.NumberFormat("nl-BE");
  return [0, ...thresholds].map((from, i) => {
    const to = thresholds[i];
    return to === undefined ? `${nf.format(from)}+` : `${nf.format(from)}–${nf.format(to - 1)}`;
  });
}
