/**
 * Horizontal bars for amounts, one per row, with the figure beside each: an image for the eye, named for screen
 * readers; the same figures always stand in a table beside it. Negative amounts run left of the zero line.
 */
export function BarChart({
  label,
  bars,
  format,
}: {
  label: string;
  bars: { key: string; label: string; value: number }[];
  format: (value: number) => string;
}) {
  if (!bars.length) return null;
  const rowHeight = 22;
  const labelWidth = 200;
  const width = 600;
  const room = width - labelWidth - 110;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const min = Math.min(0, ...bars.map((b) => b.value));
  const span = max - min || 1;
  const zero = labelWidth + (-min / span) * room;
  return (
    <svg className="samen-chart" role="img" aria-label={label} viewBox={`0 0 ${width} ${bars.length * rowHeight + 6}`}>
      <title>{label}</title>
      {bars.map((bar, index) => {
        const y = 3 + index * rowHeight;
        const length = (Math.abs(bar.value) / span) * room;
        const x = bar.value >= 0 ? zero : zero - length;
        return (
          <g key={bar.key}>
            <text x="0" y={y + 14} fontSize="12">
              {bar.label.length > 30 ? `${bar.label.slice(0, 29)}…` : bar.label}
            </text>
            <rect
              x={x}
              y={y + 2}
              width={Math.max(length, 0.5)}
              height={rowHeight - 6}
              className={bar.value < 0 ? "samen-chart__bar samen-chart__bar--negative" : "samen-chart__bar"}
            />
            <text x={Math.max(x + length, zero) + 6} y={y + 14} fontSize="12">
              {format(bar.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
