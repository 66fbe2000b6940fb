import { signalColumnList, type ColumnKind } from './signal-columns.ts';
import type { Signal } from './signal.ts';

/** Test support: the fixture's probe time (2025-11-27T04:26:45Z), a base for tests that count up from it. */
export const fixtureReceived = 1_764_217_605_000;

/** The Signal properties that may be null. */
type NullableProperty = { [K in keyof Signal]-?: null extends Signal[K] ? K : never }[keyof Signal];

/** Every nullable column null: what a plain `up` probe with nothing measured stores. */
const nullColumns = Object.fromEntries(
  signalColumnList.filter(({ nullable }) => nullable).map(({ property }) => [property, null]),
) as Record<NullableProperty, null>;

/** Test support: a plausible `up` signal for target `web`, with `overrides` applied on top. */
export function buildSignal(overrides: Partial<Signal> = {}): Signal {
  return {
    ...nullColumns,
    received: fixtureReceived,
    target: 'web',
    region: 'eu',
    url: 'https://example.com/',
    httpStatus: 200,
    available: true,
    state: 'up',
    latencyMs: 12.5, // not a whole number: a float column that truncated would show it
    ...overrides,
  };
}

/** A value of each kind that no default or null could be mistaken for; `index` makes it the column's own. */
const sampleValues: Record<ColumnKind, (index: number) => unknown> = {
  symbol: (index) => `symbol ${index}`,
  string: (index) => `string ${index}`,
  int: (index) => 400 + index,
  double: (index) => index + 0.25,
  boolean: () => false,
  timestamp: () => fixtureReceived + 123,
  time: (index) => fixtureReceived + 1000 * index, // whole ms apart from received and each other
};

/**
 * Test support: a signal with every column set, none null, each to a value only it has (a valid
 * state and reason aside), so a derived place that drops, swaps or nulls a column shows.
 */
export function buildFullSignal(): Signal {
  const values = signalColumnList.map((column, index) => [column.property, sampleValues[column.kind](index)]);
  return { ...(Object.fromEntries(values) as unknown as Signal), state: 'degraded', reason: 'slow' };
}
