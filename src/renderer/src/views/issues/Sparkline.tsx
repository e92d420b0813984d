/** 24 hourly bars (oldest first) as inline SVG; heights relative to the busiest hour. */
export function Sparkline({ values, width = 96, height = 26 }: { values: unknown; width?: number; height?: number }) {
  const counts = Array.isArray(values) ? values.slice(-24).map((v) => (typeof v === 'number' && v > 0 ? v : 0)) : [];
  const max = Math.max(1, ...counts);
  const slot = width / Math.max(24, counts.length);
  const total = counts.reduce((a, b) => a + b, 0);
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img"
      aria-label={`${total} event${total === 1 ? '' : 's'} in the last 24 hours`} data-testid="issue-sparkline">
      <title>{`${total} event${total === 1 ? '' : 's'} in the last 24 hours`}</title>
      <line x1="0" x2={width} y1={height - 0.5} y2={height - 0.5} className="sparkline-base" />
      {counts.map((c, i) => {
        const h = c === 0 ? 0 : Math.max(2, (c / max) * (height - 2));
        return <rect key={i} x={i * slot + 0.5} y={height - h} width={Math.max(1, slot - 1.5)} height={h} rx="1" className="sparkline-bar" />;
      })}
    </svg>
  );
}
