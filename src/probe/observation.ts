import type { ProbeError } from '../signal-reasons.ts';

export type { ProbeError } from '../signal-reasons.ts';

/** What one probe saw. A probe observes; it does not judge (see check/evaluate-check.ts). */
export interface Observation {
  /** Epoch ms when the probe started; becomes the signal's `received`. */
  readonly startedAt: number;
  /** HTTP status of the final response, or -1 when none came back (as in the tutorial). */
  readonly httpStatus: number;
  /** Whole probe, start to end of the capped body read, in ms (fractional). */
  readonly latencyMs: number;
  /** Phases in ms where the client exposed them; absent when a reused or failed socket skipped one. */
  readonly timings: {
    readonly dnsMs?: number;
    readonly connectMs?: number;
    readonly tlsMs?: number;
    readonly firstByteMs?: number;
  };
  /** Set when no usable answer came back (no HTTP response, no connection, no DNS answer). */
  readonly error?: ProbeError;
  /** Human detail for logs (e.g. the errno or the TLS error text). */
  readonly detail?: string;
  /** The method that produced this response (`GET` after a HEAD answered 405/501). */
  readonly method: string;
  /** Redirects followed. */
  readonly redirects: number;
  /** Leaf certificate expiry (epoch ms) for HTTPS, when seen. */
  readonly certificateExpiresAt?: number;
  /** Final response's headers (names lower-case), when one came back. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The first `maxBodyBytes` of the final response's body, kept only when a condition reads it. */
  readonly body?: Buffer;
  /**
   * Whether each RE2 pattern of the target's conditions matched, in the order of
   * listPatternConditions (check/list-pattern-conditions.ts). Run by the probe, in a worker and within
   * its deadline, because a pattern costs time the main thread must not spend; judged by the check.
   */
  readonly patternOutcomes?: readonly PatternOutcome[];
  /** For dns:// targets: the answers as text (addresses, names, "priority exchange" for MX, joined TXT). */
  readonly answers?: readonly string[];
}

/** A pattern's outcome on its text; `timeout` when it did not finish in the time the probe had left. */
export type PatternOutcome = boolean | 'timeout';

const utf8 = new TextDecoder('utf-8'); // not fatal: bytes that are not UTF-8 read as U+FFFD

/** The kept body as text (UTF-8, invalid bytes replaced), what body conditions and patterns read. */
export function readBodyText(body: Buffer): string {
  return utf8.decode(body);
}
