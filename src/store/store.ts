import type { StateChange } from '../incidents/state-change.ts';
import type { Signal } from '../signal.ts';

/**
 * Sums for one target over one time bucket: what the hourly rollups hold, and what adds up. A probe
 * in maintenance counts neither as up nor as down (the SLA convention): it is left out of `checks`,
 * `up` and the latencies, and counted in `maintenance` instead.
 */
export interface Rollup {
  readonly target: string;
  /** Bucket start, epoch ms (a UTC hour or day). */
  readonly start: number;
  /** Probes outside maintenance. */
  readonly checks: number;
  /** Checks with `available` true. */
  readonly up: number;
  /** Sum of latency_ms over the checks (mean = latencySum / checks). */
  readonly latencySum: number;
  /** Highest latency_ms of the checks; 0 without any (latencies are never negative). */
  readonly latencyMax: number;
  /** Probes stored with state `maintenance`. */
  readonly maintenance: number;
}

/** A bucket size of the rollup reads. */
export type RollupSize = 'hour' | 'day';

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
  /**
   * Signals with `from <= received < to` (of `target` only, when given), oldest first, ties in
   * target then region order (code point order). With `limit`, only the first `limit` of them.
   */
  readRange(
    query: { from: number; to: number; target?: string; limit?: number } & RegionFilter,
  ): Promise<Signal[]>;
  /**
   * From the hourly rollups: per target (name order) and UTC hour or day (oldest first), sums of
   * the signals of the whole hours in `[from, to)`; `from` and `to` must be hour starts (see
   * readExactRollups for any range). Only non-empty buckets; regions are summed.
   */
  readRollups(
    query: { from: number; to: number; size: RollupSize; target?: string } & RegionFilter,
  ): Promise<Rollup[]>;
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
