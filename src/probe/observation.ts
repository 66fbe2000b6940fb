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
  /** Set when no usable HTTP response came back. */
  readonly error?: ProbeError;
  /** Human detail for logs (e.g. the errno or the TLS error text). */
  readonly detail?: string;
  /** The method that produced this response (`GET` after a HEAD answered 405/501). */
  readonly method: string;
  /** Redirects followed. */
  readonly redirects: number;
  /** Leaf certificate expiry (epoch ms) for HTTPS, when seen. */
  readonly certificateExpiresAt?: number;
}
