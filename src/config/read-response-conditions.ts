import { RE2JS } from 're2js';
import type { BodyConditions, Expectations, HeaderCondition, JsonCondition } from './config.ts';
import { describeValue, headerNamePattern, joinPath, readBoolean, readMapping } from './read-fields.ts';

const bodyKeys = ['contains', 'notContains', 'matches'] as const;
const jsonTests = ['equals', 'notEquals', 'lessThan', 'greaterThan', 'exists', 'in'] as const;
const headerTests = ['present', 'equals', 'matches'] as const;
const answerTests = ['contains', 'equals'] as const;

/** `expect.body`: each of contains / notContains / matches is one text or a list of texts. */
export function readBodyConditions(
  value: unknown,
  path: string,
  errors: string[],
): BodyConditions | undefined {
  const errorCountBefore = errors.length;
  const raw = readMapping(value, path, bodyKeys, errors);
  if (!raw) return undefined;
  const [contains, notContains, matches] = bodyKeys.map((key) =>
    readTexts(raw[key], joinPath(path, key), errors),
  );
  matches?.forEach((pattern, index) =>
    checkPattern(
      pattern,
      Array.isArray(raw.matches) ? `${path}.matches[${index}]` : `${path}.matches`,
      errors,
    ),
  );
  if (!contains || !notContains || !matches || errors.length > errorCountBefore) return undefined;
  if (contains.length + notContains.length + matches.length === 0) {
    errors.push(`${path}: expected at least one of ${bodyKeys.join(', ')}`);
    return undefined;
  }
  return { contains, notContains, matches };
}

/** `expect.json`: a list of `{ pointer, <test>: value }`, exactly one test each. */
export function readJsonConditions(
  value: unknown,
  path: string,
  errors: string[],
): JsonCondition[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    errors.push(
      `${path}: expected a list of conditions like { pointer: /status, equals: UP }, got ${describeValue(value)}`,
    );
    return undefined;
  }
  const conditions = value.map((entry, index) => readJsonCondition(entry, `${path}[${index}]`, errors));
  return conditions.every((condition) => condition !== undefined) ? conditions : undefined;
}

function readJsonCondition(value: unknown, path: string, errors: string[]): JsonCondition | undefined {
  const raw = readMapping(value, path, ['pointer', ...jsonTests], errors);
  if (!raw) return undefined;
  const pointer = raw.pointer;
  if (
    typeof pointer !== 'string' ||
    (pointer !== '' && !pointer.startsWith('/')) ||
    /~[^01]|~$/.test(pointer)
  ) {
    errors.push(
      `${joinPath(path, 'pointer')}: expected a JSON Pointer like /status or "" for the whole body, got ${describeValue(pointer)}`,
    );
    return undefined;
  }
  const test = readOneTest(raw, path, jsonTests, errors);
  if (test === undefined) return undefined;
  const given = raw[test];
  const testPath = joinPath(path, test);
  if (test === 'lessThan' || test === 'greaterThan') {
    if (typeof given === 'number' && Number.isFinite(given)) return { pointer, test, value: given };
    errors.push(`${testPath}: expected a number, got ${describeValue(given)}`);
    return undefined;
  }
  if (test === 'exists') {
    const exists = readBoolean(given, testPath, errors);
    return exists === undefined ? undefined : { pointer, test, value: exists };
  }
  if (test === 'in') {
    if (Array.isArray(given) && given.length > 0) return { pointer, test, value: given };
    errors.push(`${testPath}: expected a list of values, got ${describeValue(given)}`);
    return undefined;
  }
  return { pointer, test, value: given ?? null };
}

/** `expect.headers`: a mapping of header name to `{ present | equals | matches }`. */
export function readHeaderConditions(
  value: unknown,
  path: string,
  errors: string[],
): HeaderCondition[] | undefined {
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    Object.keys(value).length === 0
  ) {
    errors.push(`${path}: expected a mapping of header names to conditions, got ${describeValue(value)}`);
    return undefined;
  }
  const errorCountBefore = errors.length;
  const conditions: HeaderCondition[] = [];
  for (const [name, entry] of Object.entries(value)) {
    const headerPath = joinPath(path, name);
    if (!headerNamePattern.test(name)) {
      errors.push(`${headerPath}: not a valid header name`);
      continue;
    }
    const raw = readMapping(entry, headerPath, headerTests, errors);
    const test = raw && readOneTest(raw, headerPath, headerTests, errors);
    if (!raw || test === undefined) continue;
    const testPath = joinPath(headerPath, test);
    const lowerName = name.toLowerCase(); // node lower-cases response header names
    if (test === 'present') {
      const present = readBoolean(raw.present, testPath, errors);
      if (present !== undefined) conditions.push({ name: lowerName, test, value: present });
    } else if (typeof raw[test] !== 'string' && typeof raw[test] !== 'number') {
      errors.push(`${testPath}: expected text, got ${describeValue(raw[test])}`);
    } else {
      const text = String(raw[test]);
      if (test === 'matches') checkPattern(text, testPath, errors);
      conditions.push({ name: lowerName, test, value: text });
    }
  }
  return errors.length > errorCountBefore ? undefined : conditions;
}

/** `expect.answers`: `{ contains: … }` or `{ equals: … }`, each one text or a list of texts. */
export function readAnswerConditions(
  value: unknown,
  path: string,
  errors: string[],
): Expectations['answers'] {
  const raw = readMapping(value, path, answerTests, errors);
  const test = raw && readOneTest(raw, path, answerTests, errors);
  if (!raw || test === undefined) return undefined;
  const values = readTexts(raw[test], joinPath(path, test), errors);
  return values && { test, values };
}

/** The one test key a condition mapping carries; none or several is a problem. */
function readOneTest<Test extends string>(
  raw: Record<string, unknown>,
  path: string,
  tests: readonly Test[],
  errors: string[],
): Test | undefined {
  const given = tests.filter((test) => raw[test] !== undefined);
  if (given.length !== 1) {
    const found = given.length === 0 ? 'none' : given.join(' and ');
    errors.push(`${path}: expected exactly one of ${tests.join(', ')}, got ${found}`);
    return undefined;
  }
  return given[0];
}

/** One text or a non-empty list of texts; absent is an empty list. */
function readTexts(value: unknown, path: string, errors: string[]): string[] | undefined {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  const bad = list.findIndex((item) => typeof item !== 'string' || item === '');
  if (list.length === 0 || bad !== -1) {
    const where = Array.isArray(value) && bad !== -1 ? `${path}[${bad}]` : path;
    errors.push(
      `${where}: expected non-empty text or a list of texts, got ${describeValue(Array.isArray(value) ? list[bad] : value)}`,
    );
    return undefined;
  }
  return list as string[];
}

/**
 * Patterns run on bytes a target sends, so they use RE2 syntax (linear-time matching: no
 * backreferences or lookaround); a pattern RE2 cannot compile is reported here, not at probe time.
 */
function checkPattern(pattern: string, path: string, errors: string[]): void {
  try {
    RE2JS.compile(pattern);
  } catch (error) {
    const reason =
      error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
    errors.push(`${path}: not an RE2 pattern (${reason})`);
  }
}
