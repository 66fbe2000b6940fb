import { Cron } from 'croner';
import type { Schedule, Target } from './config.ts';
import { configDefaults } from './defaults.ts';
import { formatDuration } from './duration.ts';
import { choosePublicUrl, redactUrl } from './public-url.ts';
import {
  describeValue,
  headerNamePattern,
  joinPath,
  readHttpUrl,
  readBoolean,
  readDuration,
  readInteger,
  readMapping,
  readText,
} from './read-fields.ts';
import { createExpectations, readExpect } from './read-expect.ts';
import { readRequest } from './read-request.ts';
import { checkTargetKind } from './check-target-kind.ts';
import { readTargetUrl } from './target-url.ts';

const targetKeys = [
  'name',
  'group',
  'url',
  'publicUrl',
  'interval',
  'cron',
  'method',
  'body',
  'contentType',
  'maxBodyBytes',
  'timeout',
  'expect',
  'headers',
  'insecure',
  'tls',
  'failuresBeforeDown',
  'successesBeforeUp',
  'notify',
];
// CR, LF and NUL would let a value smuggle in another header; fetch rejects them at probe time.
const forbiddenHeaderValuePattern = /[\r\n\0]/;

/** The parts of a target that have no default. */
export interface RequiredTargetFields {
  readonly name: string;
  readonly url: string;
  readonly schedule: Schedule;
  readonly periodMs: number;
}

/** A target from its required fields plus any settings given, with every other setting defaulted. */
export function createTarget(
  required: RequiredTargetFields,
  given: Partial<Omit<Target, keyof RequiredTargetFields>> = {},
): Target {
  const defaults = configDefaults.target;
  return {
    ...required,
    publicUrl: given.publicUrl ?? redactUrl(required.url),
    method: given.method ?? defaults.method,
    ...(given.body && { body: given.body }),
    maxBodyBytes: given.maxBodyBytes ?? defaults.maxBodyBytes,
    timeoutMs: given.timeoutMs ?? defaultTimeoutMs(required.periodMs),
    expect: given.expect ?? createExpectations(),
    headers: given.headers ?? {},
    insecure: given.insecure ?? defaults.insecure,
    tls: given.tls ?? false,
    failuresBeforeDown: given.failuresBeforeDown ?? defaults.failuresBeforeDown,
    successesBeforeUp: given.successesBeforeUp ?? defaults.successesBeforeUp,
    ...(given.group === undefined ? {} : { group: given.group }),
    ...(given.notify === undefined ? {} : { notify: given.notify }),
  };
}

/** `notify`: a list of channel names (checked against `notifications` once both are read). */
function readNameList(value: unknown, path: string, errors: string[]): string[] | undefined {
  if (!Array.isArray(value)) {
    errors.push(`${path}: expected a list of notification channel names, got ${describeValue(value)}`);
    return undefined;
  }
  const names = value.map((entry, index) => readText(entry, `${path}[${index}]`, errors));
  return names.every((name) => name !== undefined) ? names : undefined;
}

/** The default timeout, or half the period when the default would not end before the next probe. */
function defaultTimeoutMs(periodMs: number): number {
  return configDefaults.target.timeoutMs < periodMs ? configDefaults.target.timeoutMs : periodMs / 2;
}

/**
 * One entry of `targets`, validated; undefined (with its problems in `errors`) when any field is wrong.
 * `publicUrls` is the top-level default for a target that has no `publicUrl` of its own.
 */
export function readTarget(
  value: unknown,
  path: string,
  errors: string[],
  publicUrls: boolean = configDefaults.publicUrls,
): Target | undefined {
  const errorCountBefore = errors.length;
  const raw = readMapping(value, path, targetKeys, errors);
  if (!raw) return undefined;
  const field = (key: string) => joinPath(path, key);

  const name =
    raw.name === undefined ? missing(field('name'), errors) : readText(raw.name, field('name'), errors);
  const url =
    raw.url === undefined ? missing(field('url'), errors) : readTargetUrl(raw.url, field('url'), errors);
  const group = raw.group === undefined ? undefined : readText(raw.group, field('group'), errors);
  const publicUrl =
    raw.publicUrl === undefined ? publicUrls : readPublicUrl(raw.publicUrl, field('publicUrl'), errors);
  const timing = readTiming(raw, path, errors);
  const headers = raw.headers === undefined ? undefined : readHeaders(raw.headers, field('headers'), errors);
  const insecure =
    raw.insecure === undefined ? undefined : readBoolean(raw.insecure, field('insecure'), errors);
  const [failuresBeforeDown, successesBeforeUp] = (['failuresBeforeDown', 'successesBeforeUp'] as const).map(
    (key) => (raw[key] === undefined ? undefined : readInteger(raw[key], field(key), { min: 1 }, errors)),
  );
  const tls = raw.tls === undefined ? undefined : readBoolean(raw.tls, field('tls'), errors);
  const readExpectations = readExpect(raw.expect, field('expect'), timing?.timeoutMs, errors);
  const expect =
    url === undefined || readExpectations === undefined
      ? undefined
      : checkTargetKind(url, raw, readExpectations, path, errors);
  const request = readRequest(raw, path, expect, errors);
  const notify = raw.notify === undefined ? undefined : readNameList(raw.notify, field('notify'), errors);

  if (errors.length > errorCountBefore || !name || !url || !timing || !request || publicUrl === undefined)
    return undefined;
  return createTarget(
    { name, url, schedule: timing.schedule, periodMs: timing.periodMs },
    {
      ...request,
      publicUrl: choosePublicUrl(url, publicUrl),
      timeoutMs: timing.timeoutMs,
      expect,
      headers,
      insecure,
      tls,
      failuresBeforeDown,
      successesBeforeUp,
      group,
      notify,
    },
  );
}

/** `publicUrl`: an http(s) URL shown instead of the probed one, `true` (the probed one, redacted) or `false` (none). */
function readPublicUrl(value: unknown, path: string, errors: string[]): string | boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return readHttpUrl(value, path, errors);
  errors.push(`${path}: expected an http(s) URL, true or false, got ${describeValue(value)}`);
  return undefined;
}

function missing(path: string, errors: string[]): undefined {
  errors.push(`${path}: required`);
  return undefined;
}

/** The schedule and its period, from `interval` or `cron`, and the timeout that must fit inside it. */
function readTiming(
  raw: Record<string, unknown>,
  path: string,
  errors: string[],
): { schedule: Schedule; periodMs: number; timeoutMs: number } | undefined {
  if (raw.interval !== undefined && raw.cron !== undefined) {
    errors.push(`${path}: has both interval and cron; keep one`);
    return undefined;
  }
  const scheduled =
    raw.cron === undefined
      ? readInterval(raw.interval, joinPath(path, 'interval'), errors)
      : readCron(raw.cron, joinPath(path, 'cron'), errors);
  const timeoutPath = joinPath(path, 'timeout');
  let timeoutMs = raw.timeout === undefined ? undefined : readDuration(raw.timeout, timeoutPath, errors);
  if (timeoutMs === 0) {
    errors.push(`${timeoutPath}: must be more than 0, got ${describeValue(raw.timeout)}`);
    timeoutMs = undefined;
  }
  if (!scheduled) return undefined;
  if (timeoutMs !== undefined && scheduled.schedule.kind === 'interval' && timeoutMs >= scheduled.periodMs) {
    const interval = formatDuration(scheduled.periodMs);
    errors.push(
      `${timeoutPath}: must be less than the interval (${interval}), got ${describeValue(raw.timeout)}`,
    );
    return undefined;
  }
  return { ...scheduled, timeoutMs: timeoutMs ?? defaultTimeoutMs(scheduled.periodMs) };
}

/** An `interval`: whole seconds, at least one, because the scheduler runs on croner's one-second grain. */
export function readInterval(
  value: unknown,
  path: string,
  errors: string[],
): { schedule: Schedule; periodMs: number } | undefined {
  const everyMs = value === undefined ? configDefaults.target.intervalMs : readDuration(value, path, errors);
  if (everyMs === undefined) return undefined;
  if (everyMs < 1000 || everyMs % 1000 !== 0) {
    errors.push(`${path}: must be whole seconds, at least 1s, got ${describeValue(value)}`);
    return undefined;
  }
  return { schedule: { kind: 'interval', everyMs }, periodMs: everyMs };
}

/** A croner pattern (seconds allowed); its period is the gap between its next two runs. */
function readCron(
  value: unknown,
  path: string,
  errors: string[],
): { schedule: Schedule; periodMs: number } | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    errors.push(`${path}: expected a cron pattern like "*/30 * * * * *", got ${describeValue(value)}`);
    return undefined;
  }
  const pattern = value.trim();
  let nextRuns: Date[];
  try {
    const job = new Cron(pattern, { paused: true });
    nextRuns = job.nextRuns(2);
    job.stop();
  } catch (error) {
    const reason =
      error instanceof Error ? error.message.replace(/^CronPattern: /, '').replace(/\.$/, '') : String(error);
    errors.push(`${path}: invalid cron pattern ${describeValue(value)}: ${reason}`);
    return undefined;
  }
  const [first, second] = nextRuns;
  if (!first || !second) {
    errors.push(`${path}: cron pattern ${describeValue(value)} does not run at least twice from now`);
    return undefined;
  }
  return { schedule: { kind: 'cron', pattern }, periodMs: second.getTime() - first.getTime() };
}

/** A mapping of HTTP header names to text values, each checked. */
export function readHeaders(
  value: unknown,
  path: string,
  errors: string[],
): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.push(`${path}: expected a mapping of header names to values, got ${describeValue(value)}`);
    return undefined;
  }
  const headers: Record<string, string> = {};
  for (const [name, headerValue] of Object.entries(value)) {
    const headerPath = joinPath(path, name);
    if (!headerNamePattern.test(name)) {
      errors.push(`${headerPath}: not a valid header name`);
    } else if (typeof headerValue !== 'string' && typeof headerValue !== 'number') {
      errors.push(`${headerPath}: expected text, got ${describeValue(headerValue)}`);
    } else if (forbiddenHeaderValuePattern.test(String(headerValue))) {
      errors.push(`${headerPath}: must not contain line breaks`);
    } else {
      headers[name] = String(headerValue);
    }
  }
  return headers;
}
