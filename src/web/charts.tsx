/**
 * Server-rendered SVG charts (no script, no library): a vertical bar chart per day and horizontal
 * bars for categories. Labels go through JSX, so names from the data are escaped. Colours use SVG
 * attributes, not style attributes, which the CSP would block.
 */

/** Bars per day; every 5th date is labelled. */
export function DayBars(p: { data: { day: string; n: number }[]; label: string }) {
  const w = 720;
  const h = 200;
  const pad = { l: 32, r: 4, b: 28, t: 10 };
  const max = Math.max(1, ...p.data.map((d) => d.n));
  const bw = (w - pad.l - pad.r) / Math.max(1, p.data.length);
  const y = (n: number) => pad.t + (h - pad.t - pad.b) * (1 - n / max);
  return (
    <svg viewBox={`0 0 ${w} ${h}`} width="100%" role="img" aria-label={p.label}>
      <title>{p.label}</title>
      <line x1={pad.l} y1={h - pad.b} x2={w} y2={h - pad.b} stroke="#8a94a6" />
      <text x={pad.l - 4} y={pad.t + 10} text-anchor="end" fill="#5f6b7a">
        {String(max)}
      </text>
      <text x={pad.l - 4} y={h - pad.b} text-anchor="end" fill="#5f6b7a">
        0
      </text>
      {p.data.map((d, i) => (
        <g>
          <rect x={pad.l + i * bw + 1} y={y(d.n)} width={Math.max(1, bw - 2)} height={h - pad.b - y(d.n)} fill="#0b57d0">
            <title>{`${d.day}: ${d.n}`}</title>
          </rect>
          {i % 5 === 0 || i === p.data.length - 1 ? (
            // The last label ends at the right edge instead of centring past it (it was cut off).
            <text x={i === p.data.length - 1 ? w - pad.r : pad.l + i * bw + bw / 2} y={h - 8} text-anchor={i === p.data.length - 1 ? 'end' : 'middle'} fill="#5f6b7a">
              {d.day.slice(5)}
            </text>
          ) : null}
        </g>
      ))}
    </svg>
  );
}

/** Horizontal bars with a label and a count each. */
export function HBars(p: { data: { label: string; n: number; color?: string }[]; label: string }) {
  const w = 520;
  const row = 26;
  const lw = 170;
  const h = Math.max(row, p.data.length * row) + 4;
  const max = Math.max(1, ...p.data.map((d) => d.n));
  return (
    <svg viewBox={`0 0 ${w} ${h}`} width="100%" role="img" aria-label={p.label}>
      <title>{p.label}</title>
      {p.data.map((d, i) => (
        <g>
          <text x={lw - 6} y={i * row + 17} text-anchor="end" fill="#1b1f24">
            {d.label.length > 22 ? `${d.label.slice(0, 21)}…` : d.label}
          </text>
          <rect x={lw} y={i * row + 4} width={Math.max(2, ((w - lw - 40) * d.n) / max)} height={row - 8} fill={d.color ?? '#0b57d0'} />
          <text x={lw + Math.max(2, ((w - lw - 40) * d.n) / max) + 4} y={i * row + 17} fill="#1b1f24">
            {String(d.n)}
          </text>
        </g>
      ))}
    </svg>
  );
}
