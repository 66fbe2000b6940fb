import type { Config } from '../config/config.ts';
import type { Logger } from '../log.ts';
import { diffConfig, isEmptyDiff, type ConfigDiff } from './diff-config.ts';

/** What an applier is handed: the config running until now, the one to run from now, and the difference. */
export interface ConfigChange {
  readonly previous: Config;
  readonly next: Config;
  readonly diff: ConfigDiff;
}

/**
 * One part of the running server that follows a reload (the scheduler, the summary, the page, the
 * maintenance windows; later alert channels). Applied in order, each on its own: one that throws is
 * logged and the others still run.
 */
export interface ConfigApplier {
  readonly name: string;
  apply(change: ConfigChange): void;
}

/** The last load's outcome, for /metrics; the load at start counts until the first reload. */
export interface ReloadStats {
  /** Epoch ms. */
  readonly at: number;
  readonly succeeded: boolean;
}

/**
 * Reads the config again (SIGHUP, the file changed) and, when it is valid, hands the difference to
 * every applier; when it is not, keeps running the current config and logs each problem as start-up
 * prints them. One log line per reload says what changed.
 */
export function createConfigReloader(options: {
  initial: Config;
  load: () => { config: Config } | { errors: string[] };
  appliers: readonly ConfigApplier[];
  log: Logger;
  now?: () => number;
}) {
  const { load, appliers, log, now = Date.now } = options;
  let current = options.initial;
  let stats: ReloadStats = { at: now(), succeeded: true };

  function reload(trigger: string): boolean {
    const loaded = load();
    if ('errors' in loaded) {
      for (const problem of loaded.errors) log.error({ trigger }, `config error: ${problem}`);
      log.error(
        { trigger, problems: loaded.errors.length },
        'config reload failed: still running the previous config',
      );
      stats = { at: now(), succeeded: false };
      return false;
    }
    const { diff, effective } = diffConfig(current, loaded.config);
    if (diff.restartKeys.length > 0) {
      log.warn(
        { trigger, keys: diff.restartKeys },
        'config reload: these settings need a restart; kept as they were',
      );
    }
    const change: ConfigChange = { previous: current, next: effective, diff };
    let succeeded = true;
    for (const applier of appliers) {
      try {
        applier.apply(change);
      } catch (error) {
        succeeded = false;
        log.error(
          { trigger, applier: applier.name, err: error instanceof Error ? error.message : String(error) },
          'config reload: could not apply',
        );
      }
    }
    current = effective;
    stats = { at: now(), succeeded };
    log.info(
      {
        trigger,
        added: diff.added.map(({ name }) => name),
        removed: diff.removed,
        changed: diff.changed.map(({ name }) => name),
        ...(diff.settingKeys.length > 0 ? { settings: diff.settingKeys } : {}),
      },
      isEmptyDiff(diff) ? 'config reloaded: nothing changed' : 'config reloaded',
    );
    return succeeded;
  }

  return {
    reload,
    /** The config running now (after the last successful reload). */
    current: () => current,
    stats: () => stats,
  };
}

/** Reloads the config and reports it. */
export type ConfigReloader = ReturnType<typeof createConfigReloader>;
