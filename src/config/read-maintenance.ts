import { Cron } from 'croner';
import type { MaintenanceWindow } from '../maintenance/maintenance-window.ts';
import { describeValue, joinPath, readDuration, readMapping, readText } from './read-fields.ts';
import { readInstant } from './read-instant.ts';

const keys = ['title', 'text', 'start', 'end', 'cron', 'duration', 'timezone', 'targets'];

/**
 * The top-level `maintenance` list: each entry a one-off window (`start` + `end`, ISO 8601 with an
 * offset) or a recurring one (`cron` + `duration`, optional `timezone`), with a `title`, optional
 * `text` and optional `targets` (names of configured targets; absent means all). Overlaps are fine.
 */
export function readMaintenance(
  value: unknown,
  targetNames: readonly string[],
  errors: string[],
): MaintenanceWindow[] {
  if (value == null) return [];
  if (!Array.isArray(value)) {
    errors.push(`maintenance: expected a list of windows, got ${describeValue(value)}`);
    return [];
  }
  return value.flatMap((entry, index) => {
    const window = readWindow(entry, `maintenance[${index}]`, targetNames, errors);
    return window ? [window] : [];
  });
}

function readWindow(
  value: unknown,
  path: string,
  targetNames: readonly string[],
  errors: string[],
): MaintenanceWindow | undefined {
  const before = errors.length;
  const raw = readMapping(value, path, keys, errors);
  if (!raw) return undefined;
  const title = readText(raw.title, joinPath(path, 'title'), errors);
  const text = raw.text === undefined ? undefined : readText(raw.text, joinPath(path, 'text'), errors);
  const targets =
    raw.targets === undefined
      ? undefined
      : readTargets(raw.targets, joinPath(path, 'targets'), targetNames, errors);
  const once = raw.start !== undefined || raw.end !== undefined;
  const recurring = raw.cron !== undefined || raw.duration !== undefined || raw.timezone !== undefined;
  const common = {
    title: title ?? '',
    ...(text === undefined ? {} : { text }),
    ...(targets === undefined ? {} : { targets }),
  };
  if (once === recurring) {
    errors.push(`${path}: needs either start and end, or cron and duration (with an optional timezone)`);
    return undefined;
  }
  if (once) {
    const start = readInstant(raw.start, joinPath(path, 'start'), errors);
    const end = readInstant(raw.end, joinPath(path, 'end'), errors);
    if (start !== undefined && end !== undefined && end <= start)
      errors.push(
        `${joinPath(path, 'end')}: must be after start (${String(raw.start)}), got ${describeValue(raw.end)}`,
      );
    return errors.length > before ? undefined : { ...common, kind: 'once', start: start!, end: end! };
  }
  const timezone =
    raw.timezone === undefined ? undefined : readTimezone(raw.timezone, joinPath(path, 'timezone'), errors);
  const cron = readCronPattern(raw.cron, joinPath(path, 'cron'), timezone, errors);
  const durationMs = readDuration(raw.duration, joinPath(path, 'duration'), errors);
  if (durationMs === 0) errors.push(`${joinPath(path, 'duration')}: must be longer than 0s`);
  if (errors.length > before) return undefined;
  return {
    ...common,
    kind: 'recurring',
    cron: cron!,
    durationMs: durationMs!,
    ...(timezone === undefined ? {} : { timezone }),
  };
}

function readTimezone(value: unknown, path: string, errors: string[]): string | undefined {
  const zone = readText(value, path, errors);
  if (zone === undefined) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    errors.push(`${path}: unknown time zone ${describeValue(value)} (use an IANA name like Europe/Berlin)`);
    return undefined;
  }
}

function readCronPattern(
  value: unknown,
  path: string,
  timezone: string | undefined,
  errors: string[],
): string | undefined {
  const pattern = readText(value, path, errors);
  if (pattern === undefined) return undefined;
  try {
    new Cron(pattern, { paused: true, ...(timezone === undefined ? {} : { timezone }) });
    return pattern;
  } catch (error) {
    errors.push(
      `${path}: invalid cron pattern ${describeValue(value)}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
}

function readTargets(
  value: unknown,
  path: string,
  targetNames: readonly string[],
  errors: string[],
): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    errors.push(`${path}: expected a non-empty list of target names, got ${describeValue(value)}`);
    return undefined;
  }
  const names: string[] = [];
  value.forEach((entry, index) => {
    const name = readText(entry, `${path}[${index}]`, errors);
    if (name === undefined) return;
    if (!targetNames.includes(name)) errors.push(`${path}[${index}]: no target named ${describeValue(name)}`);
    else names.push(name);
  });
  return names.length === value.length ? names : undefined;
}
