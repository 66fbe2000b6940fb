import type { ProbeEvent as FullProbeEvent } from '../probe-event.ts';
import type { Reason, Signal, State } from '../signal.ts';

/** What alerts read of the probe event (src/probe-event.ts): the signal, the change, what failed. */
export type ProbeEvent = Pick<FullProbeEvent, 'signal' | 'transition' | 'detail'>;

/** Why a message is sent. `up` leaves down; `recovered` leaves degraded. */
export type AlertKind = 'down' | 'up' | 'degraded' | 'recovered' | 'reminder' | 'test';

/** One alert for one target, as queued and as providers render it. */
export interface AlertEvent {
  /** Unique per event: the idempotency key a provider can deduplicate on. */
  readonly id: string;
  readonly kind: AlertKind;
  readonly target: string;
  /** The probed URL redacted (src/config/public-url.ts): never user info or secret-looking parameters. */
  readonly url: string;
  readonly state: State | 'unknown';
  readonly previous: State | 'unknown';
  readonly reason: Reason | null;
  /** -1 when no HTTP response came back. */
  readonly httpStatus: number;
  readonly detail?: string;
  /** Epoch ms of the probe that caused it. */
  readonly at: number;
  readonly region: string;
  /** Epoch ms the outage began (`up` and `reminder`), when known. */
  readonly downSince?: number;
  /** The status page's public URL (top-level `publicUrl`), when configured: messages link to it. */
  readonly page?: string;
}
