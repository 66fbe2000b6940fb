import type { Expectations } from '../config/config.ts';

/** One RE2 pattern a target's conditions run, and what it runs on. */
export interface PatternCondition {
  readonly pattern: string;
  /** `body` for expect.body.matches; otherwise the lower-case name of the header it reads. */
  readonly subject: 'body' | { readonly header: string };
}

/**
 * Every pattern of the expectations, in one fixed order: body patterns, then header patterns. The probe
 * runs them in this order and the check reads the outcomes in this order.
 */
export function listPatternConditions(expect: Expectations): PatternCondition[] {
  const body = (expect.body?.matches ?? []).map((pattern) => ({ pattern, subject: 'body' as const }));
  const headers = (expect.headers ?? []).flatMap((condition) =>
    condition.test === 'matches' ? [{ pattern: condition.value, subject: { header: condition.name } }] : [],
  );
  return [...body, ...headers];
}
