export interface Bar {
  label: string;
  value: number;
  /** A second series drawn beside the first (e.g. transfers out beside in). */
  second?: number;
}

/** A small hand-drawn SVG bar chart: no chart library for a handful of bars. */
export const BarChart = ({
  title,
  bars,
  format = (v) => String(v),
  legend,
}: {
  title: string;
  bars: Bar[];
  format?: (v: number) => string;
  legend?: [string, string];
}) => {
  const width = 420;
  const rowHeight = legend ? 34 : 22;
  const height = bars.length * rowHeight + 10;
  const max = Math.max(1e-9, ...bars.flatMap((b) => [b.value, b.second ?? 0]));
  const labelWidth = 110;
  const scale = (v: number) => ((width - labelWidth - 70) * v) / max;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg width={width} height={height} role="img" aria-label={title}>
        {bars.map((b, i) => {
          const y = i * rowHeight + 4;
          return (
            <g key={b.label}>
              <text x={0} y={y + 13} fontSize={11} fill="#222">
                {b.label}
              </text>
              <rect x={labelWidth} y={y + 2} width={scale(b.value)} height={14} fill="#b2182b" />
              <text x={labelWidth + scale(b.value) + 4} y={y + 13} fontSize={11} fill="#222">
                {format(b.value)}
              </text>
              {b.second !== undefined && (
                <>
                  <rect x={labelWidth} y={y + 17} width={scale(b.second)} height={12} fill="#2166ac" />
                  <text x={labelWidth + scale(b.second) + 4} y={y + 27} fontSize={11} fill="#222">
                    {format(b.second)}
                  </text>
                </>
              )}
            </g>
          );
        })}
      </svg>
      {legend && (
        <p className="legend">
          <span className="swatch red" aria-hidden="true" /> {legend[0]}{' '}
          <span className="swatch blue" aria-hidden="true" /> {legend[1]}
        </p>
      )}
    </figure>
  );
};
