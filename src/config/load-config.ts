import { resolve } from 'node:path';
import type { Config, Target } from './config.ts';
import { readConfigFile, type ReadFile } from './config-file.ts';
import { configDefaults, logLevels } from './defaults.ts';
import { parseDuration } from './duration.ts';
import { choosePublicUrl } from './public-url.ts';
import {
  describeValue,
  readBoolean,
  readChoice,
  readHttpUrl,
  readInteger,
  readMapping,
  readText,
} from './read-fields.ts';
import { readAnnouncements } from './read-announcements.ts';
import { readMaintenance } from './read-maintenance.ts';
import { checkNotifyNames, readNotifications } from './read-notifications.ts';
import { readQuestDbConfig } from './read-questdb.ts';
import { readCacheConfig, readLiveConfig } from './read-serving.ts';
import { createTarget, readInterval, readTarget } from './read-target.ts';

const topLevelKeys = [
  'title',
  'publicUrl',
  'description',
  'logo',
  'targets',
  'retention',
  'region',
  'maxConcurrentProbes',
  'publicUrls',
  'questdb',
  'maintenance',
  'announcements',
  'live',
  'cache',
  'notifications',
];
const millisecondsPerDay = 86_400_000;

/** The error when nothing is configured to watch: it says how to configure something. */
export const noTargetsError =
  'no targets: set UPBEAT_URL=https://example.com, or list targets in upbeat.yaml (see upbeat.example.yaml; --config PATH for another file)';

/** A target with the place it came from, for errors that point at it. */
interface PlacedTarget {
  readonly target: Target;
  readonly path: string;
}

/**
 * The whole configuration from the YAML file (if any) and the environment, validated once and deep-frozen,
 * or every problem found as `<path>: <problem>` lines. Reads nothing but the config file, through `readFile`.
 */
export function loadConfig(options: {
  argvConfigPath?: string;
  env: Record<string, string | undefined>;
  cwd: string;
  readFile?: ReadFile;
}): { config: Config } | { errors: string[] } {
  const errors: string[] = [];
  // An empty variable (`PORT=` in a compose file) means "not set", as it does for most tools.
  const env = Object.fromEntries(
    Object.entries(options.env).filter(([, value]) => value !== undefined && value !== ''),
  );

  const file = readConfigFile(options, errors);
  const settings =
    file.status === 'parsed' ? (readMapping(file.settings, '', topLevelKeys, errors) ?? {}) : {};
  const publicUrls =
    settings.publicUrls === undefined
      ? configDefaults.publicUrls
      : (readBoolean(settings.publicUrls, 'publicUrls', errors) ?? configDefaults.publicUrls);
  const writtenTargets = readTargetList(settings.targets, publicUrls, errors);
  const urlTarget = readUrlTarget(env, publicUrls, errors);
  const targets = [...writtenTargets, ...(urlTarget ? [urlTarget] : [])];
  checkUniqueNames(targets, errors);
  const notifications = readNotifications(settings.notifications, errors);
  checkNotifyNames(targets, notifications, errors);
  // `targets:` with nothing after it reads as null: as good as not written.
  const nothingWritten =
    settings.targets == null || (Array.isArray(settings.targets) && settings.targets.length === 0);
  if (file.status !== 'unusable' && nothingWritten && env.UPBEAT_URL === undefined) {
    errors.push(noTargetsError);
  }

  const config: Config = {
    title:
      readOverridable(env.UPBEAT_TITLE, 'UPBEAT_TITLE', settings.title, 'title', errors) ??
      configDefaults.title,
    description:
      settings.description === undefined ? undefined : readText(settings.description, 'description', errors),
    logoUrl: settings.logo === undefined ? undefined : readHttpUrl(settings.logo, 'logo', errors),
    pageUrl:
      settings.publicUrl === undefined ? undefined : readHttpUrl(settings.publicUrl, 'publicUrl', errors),
    publicUrls,
    targets: targets.map(({ target }) => target),
    port:
      env.PORT === undefined
        ? configDefaults.port
        : (readInteger(env.PORT, 'PORT', { min: 0, max: 65535 }, errors) ?? 0),
    host: env.HOST?.trim() || configDefaults.host,
    dataDir: resolve(options.cwd, env.UPBEAT_DATA_DIR ?? configDefaults.dataDir),
    retentionDays:
      settings.retention === undefined
        ? configDefaults.retentionDays
        : (readDays(settings.retention, errors) ?? 0),
    region:
      readOverridable(env.UPBEAT_REGION, 'UPBEAT_REGION', settings.region, 'region', errors) ??
      configDefaults.region,
    maxConcurrentProbes:
      settings.maxConcurrentProbes === undefined
        ? configDefaults.maxConcurrentProbes
        : (readInteger(settings.maxConcurrentProbes, 'maxConcurrentProbes', { min: 1 }, errors) ?? 0),
    logLevel:
      env.UPBEAT_LOG_LEVEL === undefined
        ? configDefaults.logLevel
        : (readChoice(env.UPBEAT_LOG_LEVEL, 'UPBEAT_LOG_LEVEL', logLevels, errors) ??
          configDefaults.logLevel),
    questdb: readQuestDbConfig(settings.questdb, env, errors),
    maintenance: readMaintenance(
      settings.maintenance,
      targets.map(({ target }) => target.name),
      errors,
    ),
    announcements: readAnnouncements(settings.announcements, errors),
    live: readLiveConfig(settings.live, errors),
    cache: readCacheConfig(settings.cache, errors),
    notifications,
  };
  if (errors.length > 0) return { errors };
  return { config: freezeDeep(dropUndefined(config)) };
}

/** The file's `targets` list, each entry validated; entries with problems are left out (and reported). */
function readTargetList(value: unknown, publicUrls: boolean, errors: string[]): PlacedTarget[] {
  if (value == null) return [];
  if (!Array.isArray(value)) {
    errors.push(`targets: expected a list of targets, got ${describeValue(value)}`);
    return [];
  }
  return value.flatMap((entry, index) => {
    const path = `targets[${index}]`;
    const target = readTarget(entry, path, errors, publicUrls);
    return target ? [{ target, path }] : [];
  });
}

/** The one-URL mode: UPBEAT_URL (with UPBEAT_INTERVAL and UPBEAT_NAME) as a target with defaults. */
function readUrlTarget(
  env: Record<string, string | undefined>,
  publicUrls: boolean,
  errors: string[],
): PlacedTarget | undefined {
  if (env.UPBEAT_URL === undefined) {
    for (const name of ['UPBEAT_INTERVAL', 'UPBEAT_NAME']) {
      if (env[name] !== undefined) errors.push(`${name}: has no effect without UPBEAT_URL`);
    }
    return undefined;
  }
  const url = readHttpUrl(env.UPBEAT_URL, 'UPBEAT_URL', errors);
  const timing = readInterval(env.UPBEAT_INTERVAL, 'UPBEAT_INTERVAL', errors);
  if (!url || !timing) return undefined;
  const name = env.UPBEAT_NAME?.trim() || new URL(url).host;
  return {
    target: createTarget({ name, url, ...timing }, { publicUrl: choosePublicUrl(url, publicUrls) }),
    path: env.UPBEAT_NAME ? 'UPBEAT_NAME' : 'UPBEAT_URL',
  };
}

function checkUniqueNames(targets: readonly PlacedTarget[], errors: string[]): void {
  const firstPathByName = new Map<string, string>();
  for (const { target, path } of targets) {
    const firstPath = firstPathByName.get(target.name);
    // An UPBEAT_URL target has no name key; its path is the variable that set (or implied) the name.
    const namePath = path.startsWith('targets[') ? `${path}.name` : path;
    const hint = path === 'UPBEAT_URL' ? '; set UPBEAT_NAME to tell them apart' : '';
    if (firstPath === undefined) firstPathByName.set(target.name, path);
    else
      errors.push(
        `${namePath}: the name ${describeValue(target.name)} is already used by ${firstPath}${hint}`,
      );
  }
}

/** A text setting from the file that an environment variable, when set, replaces. */
function readOverridable(
  envValue: string | undefined,
  envName: string,
  fileValue: unknown,
  fileKey: string,
  errors: string[],
): string | undefined {
  if (envValue !== undefined) return readText(envValue, envName, errors);
  return fileValue === undefined ? undefined : readText(fileValue, fileKey, errors);
}

/** `retention`: whole days like "400d" (QuestDB's TTL and the SQLite pruning both work in days). */
function readDays(value: unknown, errors: string[]): number | undefined {
  const milliseconds = typeof value === 'string' ? parseDuration(value) : undefined;
  if (milliseconds === undefined || milliseconds === 0 || milliseconds % millisecondsPerDay !== 0) {
    errors.push(`retention: expected whole days like 400d, got ${describeValue(value)}`);
    return undefined;
  }
  return milliseconds / millisecondsPerDay;
}

/** The config without keys whose value is undefined, so optional settings are absent rather than present-but-empty. */
function dropUndefined(config: Config): Config {
  return Object.fromEntries(
    Object.entries(config).filter(([, value]) => value !== undefined),
  ) as unknown as Config;
}

/** Freezes an object and everything reachable from it, so no part of the config can change after start. */
function freezeDeep<Value>(value: Value): Value {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) freezeDeep(child);
  }
  return value;
}
