import type { TargetStatus, UptimeWindows } from '../status/wire-types.ts';

/** One section of the page: a config `group` (null for the targets without one) and its summary. */
export interface TargetGroup {
  readonly name: string | null;
  readonly targets: readonly TargetStatus[];
  /** The worst state among the targets: down, then degraded, then unknown, then up (or maintenance). */
  readonly worst: TargetStatus['state'];
  /** Per window, the mean of the targets' uptimes that have data; null when none has. */
  readonly uptime: UptimeWindows;
}

// a planned window is no worse than up: a group is not flagged for it
const severity: Record<TargetStatus['state'], number> = {
  up: 0,
  maintenance: 0,
  unknown: 1,
  degraded: 2,
  down: 3,
};

/**
 * The targets split into their groups, in the order each group first appears (the config's
 * order); the ungrouped targets form one section of their own, placed the same way.
 */
export function groupTargets(targets: readonly TargetStatus[]): TargetGroup[] {
  const byName = new Map<string | null, TargetStatus[]>();
  for (const target of targets) {
    const members = byName.get(target.group) ?? [];
    if (members.length === 0) byName.set(target.group, members);
    members.push(target);
  }
  return [...byName].map(([name, members]) => ({
    name,
    targets: members,
    worst: members.reduce<TargetStatus['state']>(
      (worst, target) => (severity[target.state] > severity[worst] ? target.state : worst),
      'up',
    ),
    uptime: {
      '24h': averageUptime(members, '24h'),
      '7d': averageUptime(members, '7d'),
      '30d': averageUptime(members, '30d'),
      '90d': averageUptime(members, '90d'),
    },
  }));
}

function averageUptime(targets: readonly TargetStatus[], window: keyof UptimeWindows): number | null {
  const known = targets.map((target) => target.uptime[window]).filter((value) => value !== null);
  return known.length ? known.reduce((sum, value) => sum + value, 0) / known.length : null;
}
