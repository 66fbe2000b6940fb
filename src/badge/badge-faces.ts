import type { TargetStatus, UptimeWindows } from '../status/wire-types.ts';
import type { BadgeColor, BadgeFace } from './render-flat-badge.ts';

/** The uptime windows a badge can show: those `/api/status` keeps in memory. */
export const uptimeWindows = ['24h', '7d', '30d', '90d'] as const satisfies readonly (keyof UptimeWindows)[];
export type UptimeWindow = (typeof uptimeWindows)[number];

/** Which badge: the state, uptime over a window, or latency. */
export type BadgeKind = { kind: 'status' } | { kind: 'uptime'; window: UptimeWindow } | { kind: 'latency' };

const stateColors: Record<TargetStatus['state'], BadgeColor> = {
  up: 'brightgreen',
  degraded: 'yellow',
  down: 'red',
  unknown: 'lightgrey',
  maintenance: 'blue',
};

// Lowest uptime % for each colour, best first: each step is roughly ten times the downtime.
const uptimeSteps: readonly [number, BadgeColor][] = [
  [99.9, 'brightgreen'],
  [99, 'green'],
  [97, 'yellowgreen'],
  [95, 'yellow'],
  [90, 'orange'],
];

// Highest median latency (ms) for each colour: a page feels instant under 200 ms, slow past 1 s.
const latencySteps: readonly [number, BadgeColor][] = [
  [200, 'brightgreen'],
  [500, 'green'],
  [1000, 'yellow'],
  [2000, 'orange'],
];

/** Percent with at most two decimals, never rounded up to 100 (99.999 % is not 100 %). */
function formatPercent(value: number): string {
  const truncated = Math.floor(value * 100) / 100;
  return `${truncated}%`;
}

/** What one badge of one target says, from the in-memory status (never a store read). */
export function describeBadge(status: TargetStatus, badge: BadgeKind): BadgeFace {
  switch (badge.kind) {
    case 'status':
      return { label: status.name, message: status.state, color: stateColors[status.state] };
    case 'uptime': {
      const value = status.uptime[badge.window];
      const label = `uptime ${badge.window}`;
      if (value === null) return { label, message: 'no data', color: 'lightgrey' };
      const color = uptimeSteps.find(([least]) => value >= least)?.[1] ?? 'red';
      return { label, message: formatPercent(value), color };
    }
    case 'latency': {
      const value = status.latency.p50_ms;
      const label = 'latency p50 24h';
      if (value === null) return { label, message: 'no data', color: 'lightgrey' };
      const color = latencySteps.find(([most]) => value < most)?.[1] ?? 'red';
      return { label, message: `${Math.round(value)} ms`, color };
    }
  }
}

/**
 * Reads the part of a badge path after `/badge/{target}/`: `status.svg`, `uptime/7d.json`,
 * `latency.svg`...; undefined for anything else.
 */
export function parseBadgePath(rest: string): { badge: BadgeKind; format: 'svg' | 'json' } | undefined {
  const match = /^(?:(status|latency)|uptime\/(24h|7d|30d|90d))\.(svg|json)$/.exec(rest);
  if (!match) return undefined;
  const [, simple, window, format] = match;
  const badge: BadgeKind =
    simple === 'status' || simple === 'latency'
      ? { kind: simple }
      : { kind: 'uptime', window: window as UptimeWindow };
  return { badge, format: format as 'svg' | 'json' };
}
