import { reasonLabels, reasons } from './signal-reasons.ts';
import { states, type Signal } from './signal.ts';

/**
 * How a column's value travels over ILP, which also fixes its SQL types. A symbol is an ILP tag
 * (indexed, repeated values); the timestamp is the line's trailing time and QuestDB's designated
 * column; a time is any other point in time, an ILP field of epoch microseconds with a `t` suffix;
 * SQLite has no boolean or time type, so those are 0/1 and epoch ms there.
 */
export const columnKinds = {
  symbol: { sqlite: 'TEXT', questdb: 'SYMBOL', questdbAlso: [] },
  string: { sqlite: 'TEXT', questdb: 'VARCHAR', questdbAlso: ['STRING'] },
  int: { sqlite: 'INTEGER', questdb: 'INT', questdbAlso: ['LONG'] },
  double: { sqlite: 'REAL', questdb: 'DOUBLE', questdbAlso: [] },
  boolean: { sqlite: 'INTEGER', questdb: 'BOOLEAN', questdbAlso: [] },
  timestamp: { sqlite: 'INTEGER', questdb: 'TIMESTAMP', questdbAlso: [] },
  time: { sqlite: 'INTEGER', questdb: 'TIMESTAMP', questdbAlso: [] },
} as const satisfies Record<
  string,
  { sqlite: string; questdb: string; questdbAlso: readonly string[] } // questdbAlso: types ILP still fills
>;

/** A column's ILP kind (see columnKinds). */
export type ColumnKind = keyof typeof columnKinds;

/** The kinds a value of type V may be stored as. */
type KindFor<V> =
  NonNullable<V> extends boolean
    ? 'boolean'
    : NonNullable<V> extends number
      ? 'int' | 'double' | 'timestamp' | 'time'
      : 'symbol' | 'string';

/** The JSON schema of a column's non-null value in an API record. */
export interface ValueSchema {
  readonly type?: 'string' | 'integer' | 'number' | 'boolean';
  readonly enum?: readonly string[];
  readonly format?: 'date-time';
  readonly description?: string;
}

/** One column, typed against the Signal property it holds. */
interface ColumnSpec<V> {
  /** The name in SQLite, QuestDB, ILP and the API record: the tutorial's names where it had them. */
  readonly name: string;
  readonly kind: KindFor<V>;
  /** Must say true exactly when the property may be null. */
  readonly nullable: null extends V ? true : false;
  readonly schema: ValueSchema;
}

/** A phase of the final request: a nullable DOUBLE in ms. */
const phase = <Name extends string>(name: Name, description: string) =>
  ({
    name,
    kind: 'double',
    nullable: true,
    schema: { type: 'number', description: `ms, final request: ${description}` },
  }) as const;

/**
 * The signals row, the one place its columns are listed: the SQLite and QuestDB schemas, both
 * stores' reads and writes, the ILP line, the API record and its OpenAPI schema are derived from
 * it. In API record order: the tutorial's four fields first, the row's identity (target, region)
 * next; new columns go at the end (a nullable one needs no migration: both stores add missing
 * nullable columns when they open).
 */
export const signalColumns = {
  url: { name: 'url', kind: 'string', nullable: false, schema: { type: 'string' } },
  httpStatus: {
    name: 'http_status',
    kind: 'int',
    nullable: false,
    schema: { type: 'integer', description: '-1 when no HTTP response came back' },
  },
  available: {
    name: 'available',
    kind: 'boolean',
    nullable: false,
    schema: { type: 'boolean', description: "this probe's own verdict: false when it was down" },
  },
  received: {
    name: 'received',
    kind: 'timestamp',
    nullable: false,
    schema: { type: 'string', format: 'date-time', description: 'when the probe started (UTC)' },
  },
  target: { name: 'target', kind: 'symbol', nullable: false, schema: { type: 'string' } },
  region: {
    name: 'region',
    kind: 'symbol',
    nullable: false,
    schema: { type: 'string', description: 'the upbeat instance (region) that probed' },
  },
  latencyMs: { name: 'latency_ms', kind: 'double', nullable: false, schema: { type: 'number' } },
  state: {
    name: 'state',
    kind: 'symbol',
    nullable: false,
    schema: { enum: states, description: "the target's state after thresholds" },
  },
  reason: {
    name: 'reason',
    kind: 'string',
    nullable: true,
    schema: {
      enum: reasons,
      description: `why the result was not plainly up, null when up: ${reasons.map((reason) => `${reason} (${reasonLabels[reason]})`).join(', ')}`,
    },
  },
  dnsMs: phase('dns_ms', 'DNS lookup; null for an IP address'),
  connectMs: phase('connect_ms', 'TCP connect; null when the lookup failed'),
  tlsMs: phase('tls_ms', 'TLS handshake; null over http or after a failed connect'),
  firstByteMs: phase(
    'first_byte_ms',
    'connection ready to response headers; null when no response came back',
  ),
  certificateExpiresAt: {
    name: 'certificate_expires_at',
    kind: 'time',
    nullable: true,
    schema: {
      type: 'string',
      format: 'date-time',
      description: 'when the leaf certificate this probe saw expires; null without a TLS handshake',
    },
  },
} as const satisfies { readonly [K in keyof Signal]-?: ColumnSpec<Signal[K]> };

/** One column with the Signal property it holds, for code that walks them all. */
export interface SignalColumn {
  readonly property: keyof Signal;
  readonly name: string;
  readonly kind: ColumnKind;
  readonly nullable: boolean;
  readonly schema: ValueSchema;
}

/** The columns in table order. */
export const signalColumnList: readonly SignalColumn[] = Object.entries(signalColumns).map(
  ([property, column]) => ({ property: property as keyof Signal, ...column }),
);

/**
 * A signal from one value per column, read by `read` (the row's value for that column, already
 * converted back to the Signal's type).
 */
export function assembleSignal(read: (column: SignalColumn) => unknown): Signal {
  return Object.fromEntries(
    signalColumnList.map((column) => [column.property, read(column)]),
  ) as unknown as Signal;
}
