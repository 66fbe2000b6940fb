import type { Logger } from './log.ts';

// At 3 a.m. one line a minute says "still failing, this many, this is why" without burying the rest.
const summaryEveryMs = 60_000;

/**
 * Logs an operational failure that repeats (every signal refused by a full disk) as three kinds of
 * line instead of one per occurrence: once when it starts, a count at most once a minute while it
 * goes on ("could not store 1,744 signals in the last 60 s: database or disk is full"), and once
 * when it ends. Each line carries the error's message and code, no stack: these are expected
 * conditions of the machine, not bugs.
 */
export function createRepeatedFailureLog(options: {
  log: Logger;
  /** What failed, as a verb phrase: "could not store". */
  action: string;
  /** What was counted, plural: "signals". */
  things: string;
  /** What the end line says: "storing signals again". */
  recovered: string;
  now?: () => number;
}) {
  const { log, action, things, recovered, now = Date.now } = options;
  let failingSince: number | undefined;
  let total = 0;
  let sinceSummary = 0;
  let summaryAt = 0;
  let lastReason = '';

  return {
    /** `count` things failed with `error`. */
    failed(count: number, error: unknown): void {
      const { reason, code } = describeError(error);
      const at = now();
      total += count;
      lastReason = reason;
      if (failingSince === undefined) {
        failingSince = summaryAt = at;
        log.error({ reason, ...(code ? { code } : {}) }, `${action} ${things}: ${reason}`);
        return;
      }
      sinceSummary += count;
      if (at - summaryAt < summaryEveryMs) return;
      const seconds = Math.round((at - summaryAt) / 1000);
      log.error(
        { count: sinceSummary, seconds, reason, ...(code ? { code } : {}) },
        `${action} ${formatCount(sinceSummary)} ${things} in the last ${seconds} s: ${reason}`,
      );
      summaryAt = at;
      sinceSummary = 0;
    },
    /** It worked again: ends the failure with one line, if there was one. */
    succeeded(): void {
      if (failingSince === undefined) return;
      const seconds = Math.round((now() - failingSince) / 1000);
      log.info(
        { failed: total, seconds, lastReason },
        `${recovered} after ${formatCount(total)} ${things} failed over ${seconds} s`,
      );
      failingSince = undefined;
      total = sinceSummary = 0;
    },
    /** Since when it has been failing (epoch ms), and why; undefined while it works. */
    failure(): { since: number; reason: string } | undefined {
      return failingSince === undefined ? undefined : { since: failingSince, reason: lastReason };
    },
  };
}

/** The message and, when the error has one, its code (SQLITE_FULL, ECONNREFUSED): never a stack. */
export function describeError(error: unknown): { reason: string; code?: string } {
  if (!(error instanceof Error)) return { reason: String(error) };
  const { code } = error as { code?: unknown };
  return typeof code === 'string' ? { reason: error.message, code } : { reason: error.message };
}

function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/**
 * Log fields for an error: an operational one (it has a code: SQLITE_FULL, ECONNREFUSED) as its
 * message and code, anything else (a bug) as the error itself, whose stack the logger prints.
 */
export function errorFields(error: unknown): { err: unknown; code?: string } {
  const { reason, code } = describeError(error);
  return code === undefined ? { err: error } : { err: reason, code };
}
