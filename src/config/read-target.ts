import { Cron } from 'croner';
import type { Schedule, Target } from './config.ts';
import { configDefaults, httpMethods } from './defaults.ts';
import { formatDuration } from './duration.ts';
import {
  describeValue,
  joinPath,
  readBoolean,
  readChoice,
  readDuration,
  readHttpUrl,
  readInteger,
  readMapping,
  readText,
} from './read-fields.ts';
import { readStatusRanges } from './read-status-ranges.ts';

const targetKeys = [
  'name',
  'url',
  'interval',
  'cron',
  'method',
  'timeout',
  'expect',
  'headers',
  'insecure',
  'failuresBeforeDown',
  'successesBeforeUp',
  'notify',
];
const expectKeys = ['status', 'latency'];
// RFC 9110 token characters: what Node's fetch accepts as a header name.
const headerNamePattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
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
    method: given.method ?? defaults.method,
    timeoutMs: given.timeoutMs ?? defaultTimeoutMs(required.periodMs),
    expect: given.expect ?? { status: defaults.status },
    headers: given.headers ?? {},
    insecure: given.insecure ?? defaults.insecure,
    failuresBeforeDown: given.failuresBeforeDown ?? defaults.failuresBeforeDown,
    successesBeforeUp: given.successesBeforeUp ?? defaults.successesBeforeUp,
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

/** One entry of `targets`, validated; undefined (with its problems in `errors`) when any field is wrong. */
export function readTarget(value: unknown, path: string, errors: string[]): Target | undefined {
  const errorCountBefore = errors.length;
  const raw = readMapping(value, path, targetKeys, errors);
  if (!raw) return undefined;
  const field = (key: string) => joinPath(path, key);

  const name =
    raw.name === undefined ? missing(field('name'), errors) : readText(raw.name, field('name'), errors);
  const url =
    raw.url === undefined ? missing(field('url'), errors) : readHttpUrl(raw.url, field('url'), errors);
  const timing = readTiming(raw, path, errors);
  const method =
    raw.method === undefined ? undefined : readChoice(raw.method, field('method'), httpMethods, errors);
  const headers = raw.headers === undefined ? undefined : readHeaders(raw.headers, field('headers'), errors);
  const insecure =
    raw.insecure === undefined ? undefined : readBoolean(raw.insecure, field('insecure'), errors);
  const [failuresBeforeDown, successesBeforeUp] = (['failuresBeforeDown', 'successesBeforeUp'] as const).map(
    (key) => (raw[key] === undefined ? undefined : readInteger(raw[key], field(key), { min: 1 }, errors)),
  );
  const expect = readExpect(raw.expect, field('expect'), timing?.timeoutMs, errors);
  const notify = raw.notify === undefined ? undefined : readNameList(raw.notify, field('notify'), errors);

  if (errors.length > errorCountBefore || !name || !url || !timing) return undefined;
  return createTarget(
    { name, url, schedule: timing.schedule, periodMs: timing.periodMs },
    {
      method,
      timeoutMs: timing.timeoutMs,
      expect,
      headers,
      insecure,
      failuresBeforeDown,
      successesBeforeUp,
      notify,
    },
  );
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

function readExpect(
  value: unknown,
  path: string,
  timeoutMs: number | undefined,
  errors: string[],
): Target['expect'] | undefined {
  if (value === undefined) return undefined;
  const raw = readMapping(value, path, expectKeys, errors);
  if (!raw) return undefined;
  const status =
    raw.status === undefined
      ? configDefaults.target.status
      : readStatusRanges(raw.status, joinPath(path, 'status'), errors);
  const latencyPath = joinPath(path, 'latency');
  const latencyMs = raw.latency === undefined ? undefined : readDuration(raw.latency, latencyPath, errors);
  if (latencyMs !== undefined && timeoutMs !== undefined && (latencyMs === 0 || latencyMs >= timeoutMs)) {
    // At or past the timeout a probe is already down, so "degraded" could never show.
    const timeout = formatDuration(timeoutMs);
    errors.push(
      `${latencyPath}: must be more than 0 and less than the timeout (${timeout}), got ${describeValue(raw.latency)}`,
    );
  }
  if (!status) return undefined;
  return latencyMs === undefined ? { status } : { status, latencyMs };
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
