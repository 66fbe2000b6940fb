import type { StateChange } from '../incidents/state-change.ts';
import type { Signal } from '../signal.ts';

/** Counts for one target over one time bucket. */
export interface Bucket {
  readonly target: string;
  /** Bucket start, epoch ms (UTC hour or UTC day). */
  readonly start: number;
  readonly checks: number;
  /** Results with `available` true. */
  readonly up: number;
  /** Mean latency in ms, null when no checks. */
  readonly avgMs: number | null;
}

/**
 * Several instances may write one store, each with its own region: a read given `region` sees only
 * that region's rows (what this instance itself probed), one without sees every region's.
 */
export interface RegionFilter {
  readonly region?: string;
}

/**
 * Where signals live. The embedded SQLite store and the QuestDB store implement it, and one
 * contract suite (store-contract.testkit.ts) runs against each.
 */
export interface Store {
  /** Durably accepts signals. Resolves once they will survive a restart (not necessarily queryable yet). */
  append(signals: readonly Signal[]): Promise<void>;
  /** Per target, the newest `limit` signals, returned oldest first; grouped by target in name order. */
  readSignals(query: { limit: number; target?: string } & RegionFilter): Promise<Signal[]>;
  /** Every signal with `from <= received < to`, oldest first (used to warm the in-memory summary). */
  readRange(query: { from: number; to: number } & RegionFilter): Promise<Signal[]>;
  /** Per target and UTC hour or day, counts for `from <= received < to`. Only non-empty buckets. */
  readBuckets(query: { from: number; to: number; size: 'hour' | 'day' } & RegionFilter): Promise<Bucket[]>;
  /** Durably accepts state changes (replaying one is a no-op: same identity as its signal). */
  appendStateChanges(changes: readonly StateChange[]): Promise<void>;
  /** State changes with `from <= received < to`, oldest first, ties by target then region. */
  readStateChanges(
    query: { from: number; to: number; target?: string } & RegionFilter,
  ): Promise<StateChange[]>;
  /** Per target and region, its newest state change before `before` (what was in force then), by target. */
  readLatestStateChanges(query: { before: number; target?: string } & RegionFilter): Promise<StateChange[]>;
  /** How many of one target's signals in one region with `from <= received < to` were not plainly up. */
  countFailedProbes(query: { target: string; region: string; from: number; to: number }): Promise<number>;
  /**
   * Deletes signals older than `before`; resolves to how many went. Absent where the engine
   * expires history itself (QuestDB's TTL), so upbeat never prunes a table other instances share.
   */
  prune?(before: number): Promise<number>;
  /** Whether the store can be written to and read from right now, with a reason when not. */
  readiness(): { ready: boolean; detail?: string };
  /** Flushes what it can and releases resources. */
  close(): Promise<void>;
}
