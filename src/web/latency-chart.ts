import { html } from 'htm/preact';
import { formatLatency } from './format-text.ts';
import type { TargetStatus } from '../status/wire-types.ts';

// The drawing's own units: 10 across per value and 40 high. The SVG stretches to its box
// (preserveAspectRatio none) and the stroke keeps its width (non-scaling-stroke, set in styles.css).
const step = 10;
const height = 40;
// headroom over the highest point so the peak's stroke is not clipped at the top
const headroom = 1.1;

/** The viewBox width for a number of values. */
export function chartWidth(count: number): number {
  return Math.max(1, count - 1) * step;
}

/**
 * The `d` of an SVG path through the values, left to right, scaled so the largest fills the
 * height; a null (an hour without probes) lifts the pen. Relative moves of whole units keep it
 * short: a fixed step across and a small rise or fall. Empty when there is nothing to draw.
 */
export function buildLatencyPath(values: readonly (number | null)[]): string {
  const peak = Math.max(0, ...values.map((value) => value ?? 0)) * headroom;
  if (peak <= 0) return '';
  let path = '';
  let previous: number | null = null;
  values.forEach((value, index) => {
    if (value === null) {
      previous = null;
      return;
    }
    const y = Math.round(height - (value / peak) * height);
    const next = values[index + 1];
    // a lone point becomes a zero-length segment, which round line caps draw as a dot
    if (previous === null) path += `M${index * step} ${y}${next === null || next === undefined ? 'h0' : ''}`;
    else path += `l${step} ${y - previous}`;
    previous = y;
  });
  return path;
}

function describeLatency({ p50_ms, p95_ms }: TargetStatus['latency']): string {
  if (p50_ms === null || p95_ms === null) return 'Latency 24 h: no data';
  return `Latency 24 h: p50 ${formatLatency(p50_ms)}, p95 ${formatLatency(p95_ms)}`;
}

/** A small line chart of the last 24 hours' hourly p95 latency, with the 24 h figures beside it. */
export function LatencyChart({ target }: { target: TargetStatus }) {
  const values = target.hours.latency_ms;
  const path = buildLatencyPath(values);
  const measured = values.filter((value): value is number => value !== null);
  const range = measured.length
    ? `${formatLatency(Math.min(...measured))} to ${formatLatency(Math.max(...measured))}`
    : 'no data';
  // the SVG's <title> is its accessible name and its tooltip at once
  return html`
    <figure class="latency">
      <svg viewBox=${`0 0 ${chartWidth(values.length)} ${height}`} preserveAspectRatio="none" role="img">
        <title>${`p95 latency per hour, last 24 hours: ${range}`}</title>
        ${path ? html`<path d=${path} />` : null}
      </svg>
      <figcaption>${describeLatency(target.latency)}</figcaption>
    </figure>
  `;
}
