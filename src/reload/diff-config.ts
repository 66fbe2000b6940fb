import type { Config, Target } from '../config/config.ts';

/**
 * Settings read once at start that a reload cannot change: the listening socket, where history
 * lives and what it is tagged with, and what the process was built around (log level, the
 * concurrency cap sized into the scheduler). A reload that changes one reports it and keeps the old.
 */
export const restartOnlyKeys = [
  'port',
  'host',
  'dataDir',
  'questdb',
  'region',
  'retentionDays',
  'maxConcurrentProbes',
  'logLevel',
] as const satisfies readonly (keyof Config)[];

/**
 * Top-level settings that follow a reload: the page's own, its announcements, the link that
 * alerts and the feed give, and the maintenance windows (which the probe worker follows too).
 */
const settingKeys = [
  'title',
  'description',
  'logoUrl',
  'publicUrls',
  'announcements',
  'pageUrl',
  'maintenance',
] as const satisfies readonly (keyof Config)[];

/** What a reload changes, by target name and by setting name (never by value: values may be secret). */
export interface ConfigDiff {
  readonly added: readonly Target[];
  readonly removed: readonly string[];
  /** New definitions of targets whose name stayed. */
  readonly changed: readonly Target[];
  readonly settingKeys: readonly string[];
  readonly restartKeys: readonly string[];
}

/**
 * The difference from `current` to `next`, and the config to run with: `next` with every
 * restart-only setting kept as it is now, so what cannot change live stays as it was.
 */
export function diffConfig(current: Config, next: Config): { diff: ConfigDiff; effective: Config } {
  const before = new Map(current.targets.map((target) => [target.name, target]));
  const after = new Set(next.targets.map((target) => target.name));
  const added: Target[] = [];
  const changed: Target[] = [];
  for (const target of next.targets) {
    const old = before.get(target.name);
    if (!old) added.push(target);
    else if (!sameValue(old, target)) changed.push(target);
  }
  const removed = current.targets.map(({ name }) => name).filter((name) => !after.has(name));
  const differs = (key: keyof Config) => !sameValue(current[key], next[key]);
  const restartKeys = restartOnlyKeys.filter(differs);
  const kept = Object.fromEntries(restartKeys.map((key) => [key, current[key]]));
  return {
    diff: { added, removed, changed, settingKeys: settingKeys.filter(differs), restartKeys },
    effective: Object.freeze({ ...next, ...kept }),
  };
}

/** Whether a reload changes nothing that runs. */
export function isEmptyDiff(diff: ConfigDiff): boolean {
  return (
    diff.added.length + diff.removed.length + diff.changed.length + diff.settingKeys.length === 0 &&
    diff.restartKeys.length === 0
  );
}

/** Config values are plain data built in a fixed key order, so equal JSON means equal values. */
function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
