import { isDeepStrictEqual } from 'node:util';
import type { Expectations, HeaderCondition, JsonCondition } from '../config/config.ts';
import { readBodyText, type Observation, type PatternOutcome } from '../probe/observation.ts';
import { resolvePointer } from './json-pointer.ts';
import { listPatternConditions } from './list-pattern-conditions.ts';

/** The first response condition that failed: which kind, and what was expected and seen. */
export interface ConditionFailure {
  readonly reason: 'body' | 'header';
  readonly detail: string;
}

// Enough of a seen value to recognise it; a detail is one line in a log or a tooltip, not a copy of the body.
const seenLimit = 80;
// Values a response may set that are credentials; a failed condition on them names the header, never the value.
const secretHeaders = new Set(['set-cookie', 'authorization', 'proxy-authorization', 'www-authenticate']);

/**
 * Judges the response conditions (headers, then body text, then JSON) of an observation that came
 * back with an expected status. Pure; undefined when every condition holds.
 */
export function checkResponse(observation: Observation, expect: Expectations): ConditionFailure | undefined {
  const outcomes = new Map<string, PatternOutcome>();
  listPatternConditions(expect).forEach(({ pattern, subject }, index) => {
    const outcome = observation.patternOutcomes?.[index];
    if (outcome !== undefined)
      outcomes.set(patternKey(pattern, subject === 'body' ? 'body' : subject.header), outcome);
  });
  const outcomeOf = (pattern: string, subject: string) => outcomes.get(patternKey(pattern, subject));
  for (const condition of expect.headers ?? []) {
    const detail = checkHeader(condition, observation.headers?.[condition.name], outcomeOf);
    if (detail !== undefined) return { reason: 'header', detail: `header ${condition.name}: ${detail}` };
  }
  if (expect.answers !== undefined) {
    const detail = checkAnswers(observation.answers ?? [], expect.answers);
    if (detail !== undefined) return { reason: 'body', detail };
  }
  if (expect.body === undefined && expect.json === undefined) return undefined;
  const text = readBodyText(observation.body ?? Buffer.alloc(0));
  const detail =
    checkBodyText(text, expect.body, (pattern) => outcomeOf(pattern, 'body')) ?? checkJson(text, expect.json);
  return detail === undefined ? undefined : { reason: 'body', detail };
}

function patternKey(pattern: string, subject: string): string {
  return `${subject}\n${pattern}`; // a header name never holds a line break
}

/** DNS answers as a set: `contains` wants each value among them, `equals` wants exactly these, in any order. */
function checkAnswers(
  seen: readonly string[],
  expected: NonNullable<Expectations['answers']>,
): string | undefined {
  const missing = expected.values.filter((value) => !seen.includes(value));
  const extra = expected.test === 'equals' ? seen.filter((value) => !expected.values.includes(value)) : [];
  if (missing.length === 0 && extra.length === 0) return undefined;
  const wanted = expected.test === 'equals' ? 'exactly' : 'to contain';
  return `answers: expected ${wanted} ${cut(JSON.stringify(expected.values))}, saw ${cut(JSON.stringify(seen))}`;
}

function checkHeader(
  condition: HeaderCondition,
  seen: string | undefined,
  outcomeOf: (pattern: string, subject: string) => PatternOutcome | undefined,
): string | undefined {
  if (condition.test === 'present') {
    if (condition.value && seen === undefined) return 'missing';
    if (!condition.value && seen !== undefined)
      return `expected absent, saw ${quoteHeader(condition.name, seen)}`;
    return undefined;
  }
  if (seen === undefined) return 'missing';
  if (condition.test === 'equals') {
    return seen === condition.value
      ? undefined
      : `expected ${quote(condition.value)}, saw ${quoteHeader(condition.name, seen)}`;
  }
  return describePatternFailure(
    condition.value,
    outcomeOf(condition.value, condition.name),
    quoteHeader(condition.name, seen),
  );
}

function checkBodyText(
  text: string,
  conditions: Expectations['body'],
  outcomeOf: (pattern: string) => PatternOutcome | undefined,
): string | undefined {
  if (conditions === undefined) return undefined;
  const missing = conditions.contains.find((needle) => !text.includes(needle));
  if (missing !== undefined) return `body does not contain ${quote(missing)}; saw ${quote(text)}`;
  const present = conditions.notContains.find((needle) => text.includes(needle));
  if (present !== undefined) return `body contains ${quote(present)}: ${quote(around(text, present))}`;
  for (const pattern of conditions.matches) {
    const failure = describePatternFailure(pattern, outcomeOf(pattern), quote(text));
    if (failure !== undefined) return `body ${failure}`;
  }
  return undefined;
}

function describePatternFailure(
  pattern: string,
  outcome: PatternOutcome | undefined,
  seen: string,
): string | undefined {
  if (outcome === true) return undefined;
  if (outcome === 'timeout' || outcome === undefined)
    return `pattern /${pattern}/ did not finish within the timeout`;
  return `does not match /${pattern}/; saw ${seen}`;
}

function checkJson(text: string, conditions: readonly JsonCondition[] | undefined): string | undefined {
  if (conditions === undefined) return undefined;
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return `body is not JSON: ${quote(text)}`;
  }
  for (const condition of conditions) {
    const found = resolvePointer(document, condition.pointer);
    const where = `json ${condition.pointer === '' ? '(whole body)' : condition.pointer}`;
    if (condition.test === 'exists') {
      if (found.found !== condition.value)
        return `${where}: expected ${condition.value ? 'present' : 'absent'}`;
      continue;
    }
    if (!found.found) return `${where}: missing`;
    const seen = cut(JSON.stringify(found.value));
    if (!holds(condition, found.value)) return `${where}: expected ${describeTest(condition)}, saw ${seen}`;
  }
  return undefined;
}

/** Numbers compare as JSON.parse reads them (doubles: past 2^53 digits are lost, 1e400 is Infinity). */
function holds(condition: Exclude<JsonCondition, { test: 'exists' }>, value: unknown): boolean {
  switch (condition.test) {
    case 'equals':
      return isDeepStrictEqual(value, condition.value);
    case 'notEquals':
      return !isDeepStrictEqual(value, condition.value);
    case 'lessThan':
      return typeof value === 'number' && value < condition.value;
    case 'greaterThan':
      return typeof value === 'number' && value > condition.value;
    case 'in':
      return condition.value.some((allowed) => isDeepStrictEqual(value, allowed));
  }
}

function describeTest(condition: Exclude<JsonCondition, { test: 'exists' }>): string {
  const value = JSON.stringify(condition.value);
  switch (condition.test) {
    case 'equals':
      return value;
    case 'notEquals':
      return `not ${value}`;
    case 'lessThan':
      return `a number less than ${value}`;
    case 'greaterThan':
      return `a number greater than ${value}`;
    case 'in':
      return `one of ${value}`;
  }
}

/** Text as JSON, cut to seenLimit characters so a detail stays one short line. */
function quote(text: string): string {
  return text.length > seenLimit ? `${JSON.stringify(text.slice(0, seenLimit))}...` : JSON.stringify(text);
}

/** JSON text cut to seenLimit characters. */
function cut(json: string): string {
  return json.length > seenLimit ? `${json.slice(0, seenLimit)}...` : json;
}

function quoteHeader(name: string, value: string): string {
  return secretHeaders.has(name) ? '(value hidden)' : quote(value);
}

/** The text around the first occurrence of `needle`, so the detail shows where it was found. */
function around(text: string, needle: string): string {
  const start = Math.max(0, text.indexOf(needle) - 20);
  return text.slice(start, start + seenLimit);
}
