import type { Signal } from './signal.ts';

/** Test support: the fixture's probe time (2025-11-27T04:26:45Z), a base for tests that count up from it. */
export const fixtureReceived = 1_764_217_605_000;

/** Test support: a plausible `up` signal for target `web`, with `overrides` applied on top. */
export function buildSignal(overrides: Partial<Signal> = {}): Signal {
  return {
    received: fixtureReceived,
    target: 'web',
    region: 'eu',
    url: 'https://example.com/',
    httpStatus: 200,
    available: true,
    state: 'up',
    latencyMs: 12.5, // not a whole number: a float column that truncated would show it
    reason: null,
    dnsMs: null,
    connectMs: null,
    tlsMs: null,
    firstByteMs: null,
    ...overrides,
  };
}
