import type { Expectations } from './config.ts';
import { configDefaults } from './defaults.ts';
import { formatDuration } from './duration.ts';
import { describeValue, joinPath, readDuration, readMapping } from './read-fields.ts';
import { readStatusRanges } from './read-status-ranges.ts';
import {
  readAnswerConditions,
  readBodyConditions,
  readHeaderConditions,
  readJsonConditions,
} from './read-response-conditions.ts';

const expectKeys = ['status', 'latency', 'certificate', 'body', 'json', 'headers', 'answers'];

/** A target's expectations with every default applied, for a target that gives no `expect`. */
export function createExpectations(): Expectations {
  const { status, certificateMs } = configDefaults.target;
  return { status, certificateMs };
}

/** `expect`, validated; undefined (with problems in `errors`) when any condition is wrong. */
export function readExpect(
  value: unknown,
  path: string,
  timeoutMs: number | undefined,
  errors: string[],
): Expectations | undefined {
  if (value === undefined) return createExpectations();
  const raw = readMapping(value, path, expectKeys, errors);
  if (!raw) return undefined;
  const errorCountBefore = errors.length;
  const status =
    raw.status === undefined
      ? configDefaults.target.status
      : readStatusRanges(raw.status, joinPath(path, 'status'), errors);
  const latencyMs = readLatency(raw.latency, joinPath(path, 'latency'), timeoutMs, errors);
  const certificateMs = readCertificate(raw.certificate, joinPath(path, 'certificate'), errors);
  const body =
    raw.body === undefined ? undefined : readBodyConditions(raw.body, joinPath(path, 'body'), errors);
  const json =
    raw.json === undefined ? undefined : readJsonConditions(raw.json, joinPath(path, 'json'), errors);
  const headers =
    raw.headers === undefined
      ? undefined
      : readHeaderConditions(raw.headers, joinPath(path, 'headers'), errors);
  const answers =
    raw.answers === undefined
      ? undefined
      : readAnswerConditions(raw.answers, joinPath(path, 'answers'), errors);
  if (!status || errors.length > errorCountBefore) return undefined;
  return {
    status,
    ...(latencyMs !== undefined && { latencyMs }),
    ...(certificateMs !== false && { certificateMs }),
    ...(body && { body }),
    ...(json && { json }),
    ...(headers && { headers }),
    ...(answers && { answers }),
  };
}

/** True when judging the target needs the response body (so it cannot be probed with HEAD). */
export function needsResponseBody(expect: Expectations): boolean {
  return expect.body !== undefined || expect.json !== undefined;
}

function readLatency(
  value: unknown,
  path: string,
  timeoutMs: number | undefined,
  errors: string[],
): number | undefined {
  const latencyMs = value === undefined ? undefined : readDuration(value, path, errors);
  if (latencyMs !== undefined && timeoutMs !== undefined && (latencyMs === 0 || latencyMs >= timeoutMs)) {
    // At or past the timeout a probe is already down, so "degraded" could never show.
    const timeout = formatDuration(timeoutMs);
    errors.push(
      `${path}: must be more than 0 and less than the timeout (${timeout}), got ${describeValue(value)}`,
    );
  }
  return latencyMs;
}

/** The warning window before a certificate expires: a duration, or `false` to turn the warning off. */
function readCertificate(value: unknown, path: string, errors: string[]): number | false | undefined {
  if (value === undefined) return configDefaults.target.certificateMs;
  if (value === false) return false;
  const ms = typeof value === 'string' ? readDuration(value, path, errors) : undefined;
  if (typeof value !== 'string')
    errors.push(`${path}: expected a duration like 14d or false, got ${describeValue(value)}`);
  else if (ms === 0)
    errors.push(`${path}: must be more than 0 (false turns it off), got ${describeValue(value)}`);
  return ms;
}
