import type { Reason } from './signal-reasons.ts';

export type { Reason } from './signal-reasons.ts';

/**
 * The states a target can be in: after the consecutive-result thresholds, or `maintenance` inside
 * a configured window (probed and stored, but counted neither up nor down).
 */
export const states = ['up', 'degraded', 'down', 'maintenance'] as const;

/** A target's state after the consecutive-result thresholds, or `maintenance`. */
export type State = (typeof states)[number];

/** One stored row: one probe of one target at one time. Column names follow the tutorial's table. */
export interface Signal {
  /** Epoch ms the probe started; with target and region, the row's identity. */
  readonly received: number;
  readonly target: string;
  readonly region: string;
  /** The probed URL, redacted (config/public-url.ts): stores never hold its secrets. */
  readonly url: string;
  /** -1 when no HTTP response came back. */
  readonly httpStatus: number;
  /** The probe's own verdict: false only when this result was `down`. */
  readonly available: boolean;
  /** The target's state after this result (thresholds applied). */
  readonly state: State;
  readonly latencyMs: number;
  readonly reason: Reason | null;
  /** DNS lookup of the final request, in ms; null when not measured (an IP address needs none). */
  readonly dnsMs: number | null;
  /** TCP connect of the final request, in ms; null when not measured (e.g. the lookup failed). */
  readonly connectMs: number | null;
  /** TLS handshake of the final request, in ms; null when not measured (http, or a failed connect). */
  readonly tlsMs: number | null;
  /** Connection ready to response headers of the final request, in ms; null when none came back. */
  readonly firstByteMs: number | null;
  /** Epoch ms the leaf certificate expires; null without a TLS handshake (http, tcp without tls, dns). */
  readonly certificateExpiresAt: number | null;
}
