import { setTimeout as sleep } from 'node:timers/promises';
import type { QuestDbConfig } from '../../config/config.ts';
import { configDefaults } from '../../config/defaults.ts';
import { silentLogger, type Logger } from '../../log.ts';
import type { Store } from '../store.ts';
import { backoffDelayMs } from '../../backoff.ts';
import { waitAtMost } from '../../wait-at-most.ts';
import { errorFields } from '../../repeated-failure-log.ts';
import { parseIlpConfig } from '../../config/ilp-config.ts';
import { encodeSignalRow } from './ilp-encode.ts';
import { createIlpHttpWriter } from './ilp-http-writer.ts';
import type { IlpSender } from './ilp-sender.ts';
import { createIlpTcpWriter, type ConnectTcp } from './ilp-tcp-writer.ts';
import { createOutboxRelay, type RelayTimings } from './outbox-relay.ts';
import { openOutbox } from './outbox.ts';
import { createQuestDbSql, withTimeout, type QuestDbSql } from './pg-client.ts';
import { createQuestDbReader } from './questdb-reader.ts';
import { ensureRollupView } from './questdb-rollup-view.ts';
import { assertTableName, ensureSchema, setTtlStatement } from './questdb-schema.ts';
import { createQuestDbStateChangeReader } from './questdb-state-change-reader.ts';
import {
  createStateChangesStatement,
  encodeStateChangeRow,
  stateChangesTableName,
} from './state-changes-table.ts';

/** The QuestDB store, plus what /metrics (`upbeat_outbox_pending_rows`) and the tests ask of its outbox. */
export interface QuestDbStore extends Store {
  /** Rows kept locally that QuestDB has not yet confirmed. */
  pendingRows(): number;
  /** Flushes what it can within `deadlineMs` (default 1.5 s); the rest stays in the outbox for the next start. */
  close(deadlineMs?: number): Promise<void>;
}

const queryTimeoutMs = 10_000; // QuestDB answers these in milliseconds; an API caller waits no longer
const defaultCloseDeadlineMs = 1_500; // one QuestDB commit (about 1 s) and its read-back
const schemaBackoff = { baseMs: 500, capMs: 30_000 }; // QuestDB starting next to us is up in seconds
const settleAfterDeadlineMs = 1_000; // once I/O is torn down, the last step ends at once

/**
 * History in QuestDB: rows go out over ILP (TCP by default, HTTP if configured) and are read over
 * PG wire. Every appended signal lands first in a durable outbox (a table in the SQLite file
 * `outboxFile`) and leaves it only once QuestDB is known to hold it, so nothing is lost while
 * QuestDB is down or restarting, nor doubled (the table deduplicates on received, target, region).
 * Reads come from QuestDB alone: a signal is readable a second or two after append(), once
 * QuestDB has committed it; until then it is only in the outbox.
 *
 * History expires by the table's TTL (`retentionDays`), so this store has no prune: the table may
 * be shared by several instances, and no one of them should delete the others' rows.
 *
 * Never blocks on QuestDB: the table is created (and missing columns added) in the background,
 * retried with backoff, and readiness() says what is wrong meanwhile.
 */
export function createQuestDbStore(options: {
  questdb: QuestDbConfig;
  /** This instance's region: fills the `region` column of a signal that has none (a symbol cannot be empty). */
  region: string;
  /** Days of history the table keeps: its TTL (QuestDB drops whole day partitions past it). */
  retentionDays?: number;
  outboxFile: string;
  log?: Logger;
  /** Opens ILP/TCP connections; tests route them through a proxy they can cut. */
  connectTcp?: ConnectTcp;
  /** Used for ILP over HTTP. */
  fetch?: typeof globalThis.fetch;
  /** A PG-wire client to use instead of one made from `questdb.pg` (the caller then ends it). */
  sql?: QuestDbSql;
  relayTimings?: Partial<RelayTimings>;
}): QuestDbStore {
  const {
    questdb,
    region,
    retentionDays = configDefaults.retentionDays,
    outboxFile,
    log = silentLogger,
  } = options;
  const { table } = questdb;
  assertTableName(table);
  const changesTable = stateChangesTableName(table);
  assertTableName(changesTable);
  const tables = { signals: table, state_changes: changesTable } as const;
  const endpoint = parseIlpSetting(questdb.ilp);
  const outbox = openOutbox({ file: outboxFile, maxRows: questdb.outboxMaxRows, log });
  const sql = options.sql ?? createQuestDbSql(questdb.pg, { log });
  const reader = createQuestDbReader(sql, table, queryTimeoutMs);
  const changeReader = createQuestDbStateChangeReader(
    sql,
    { signalsTable: table, changesTable },
    queryTimeoutMs,
  );
  const sender: IlpSender =
    endpoint.transport === 'tcp'
      ? createIlpTcpWriter({
          host: endpoint.host,
          port: endpoint.port,
          connect: options.connectTcp,
          log,
          onDisconnect: (reason) => relay.notifyDisconnected(reason),
        })
      : createIlpHttpWriter({
          url: endpoint.url,
          authorization: endpoint.authorization,
          fetch: options.fetch,
        });
  const relay = createOutboxRelay({
    outbox,
    tables,
    sender,
    readKeys: ({ stream, ...query }) => reader.readKeys({ table: tables[stream], ...query }),
    log,
    timings: options.relayTimings,
  });

  const stopping = new AbortController();
  let tableReady = false;
  let tableError: string | undefined;
  let closed = false;
  let firstAttemptDone: () => void = () => {};
  const firstAttempt = new Promise<void>((resolve) => (firstAttemptDone = resolve));
  const preparing = prepareTable().finally(firstAttemptDone);

  /** Creates or completes the table, retrying until it works or the store closes; only then do rows go out. */
  async function prepareTable(): Promise<void> {
    for (let attempt = 1; !stopping.signal.aborted; attempt++) {
      try {
        const run = (statement: string) => withTimeout(sql.unsafe(statement), queryTimeoutMs);
        const { added, ttlProblem } = await ensureSchema(run, table, retentionDays);
        // Same retention as the signals: an incident outlives neither its probes nor the TTL.
        await run(createStateChangesStatement(changesTable, retentionDays));
        if (!ttlProblem) await run(setTtlStatement(changesTable, retentionDays));
        await prepareRollupView(run);
        if (added.length > 0) log.info({ table, added }, 'questdb: added missing columns');
        if (ttlProblem)
          log.warn({ table, retentionDays, err: ttlProblem }, 'questdb: could not set the table TTL');
        tableReady = true;
        tableError = undefined;
        log.info({ table, transport: endpoint.transport }, 'questdb: table ready, relaying the outbox');
        relay.start();
        return;
      } catch (error) {
        if (stopping.signal.aborted) return;
        tableError = error instanceof Error ? error.message : String(error);
        firstAttemptDone();
        const retryInMs = backoffDelayMs(attempt, schemaBackoff);
        const level = attempt === 1 ? 'warn' : 'debug'; // one warning per outage, not one per retry
        log[level](
          { ...errorFields(error), table, attempt, retryInMs },
          'questdb: table not ready, retrying',
        );
        await sleep(retryInMs, undefined, { signal: stopping.signal, ref: false }).catch(() => {});
      }
    }
  }

  /**
   * Creates or updates the hourly view. A view QuestDB refuses stops no write: rows still flow and
   * only the rollup reads (uptime, the summary's days) fail, with QuestDB's reason.
   */
  async function prepareRollupView(run: (statement: string) => Promise<readonly Record<string, unknown>[]>) {
    try {
      const { action, ttlProblem } = await ensureRollupView(run, table, retentionDays);
      if (action !== 'keep') log.info({ table, action }, 'questdb: hourly rollup view prepared');
      if (ttlProblem)
        log.warn({ table, retentionDays, err: ttlProblem }, 'questdb: could not set the view TTL');
    } catch (error) {
      log.error({ err: error, table }, 'questdb: could not prepare the hourly rollup view');
    }
  }

  /**
   * Lets a read through once the table is ready. Right after start-up it waits for the first
   * attempt (milliseconds when QuestDB is up or refuses), so the start-up read of history works.
   */
  async function requireTable(operation: string): Promise<void> {
    if (!tableReady && !closed) await firstAttempt;
    if (closed) throw new Error(`questdb store is closed: ${operation} refused`);
    if (!tableReady)
      throw new Error(
        `questdb: ${operation} refused, table ${table} not ready: ${tableError ?? 'connecting'}`,
      );
  }

  /** A read that waits for the table (created at start) and refuses clearly while it is not there. */
  function onceReady<Query, Result>(operation: string, read: (query: Query) => Promise<Result>) {
    return async (query: Query): Promise<Result> => {
      await requireTable(operation);
      return read(query);
    };
  }

  return {
    async append(signals) {
      if (closed) throw new Error('questdb store is closed: append refused');
      // Encoded first: a signal QuestDB would reject fails here, before anything is stored.
      const entries = signals.map((signal) => {
        const filled = signal.region === '' ? { ...signal, region } : signal;
        return {
          stream: 'signals' as const,
          region: filled.region,
          received: filled.received,
          target: filled.target,
          line: encodeSignalRow(filled),
        };
      });
      outbox.add(entries);
      relay.notifyAppended(entries.length);
    },
    async appendStateChanges(changes) {
      if (closed) throw new Error('questdb store is closed: appendStateChanges refused');
      const entries = changes.map((change) => ({
        stream: 'state_changes' as const,
        region: change.region,
        received: change.received,
        target: change.target,
        line: encodeStateChangeRow(change),
      }));
      outbox.add(entries);
      relay.notifyAppended(entries.length);
    },
    readStateChanges: onceReady('readStateChanges', changeReader.readStateChanges),
    readLatestStateChanges: onceReady('readLatestStateChanges', changeReader.readLatestStateChanges),
    countFailedProbes: onceReady('countFailedProbes', changeReader.countFailedProbes),
    readSignals: onceReady('readSignals', reader.readSignals),
    readRange: onceReady('readRange', reader.readRange),
    readRollups: onceReady('readRollups', reader.readRollups),
    readiness() {
      if (closed) return { ready: false, detail: 'questdb store is closed' };
      if (!tableReady)
        return { ready: false, detail: `questdb: table ${table} not ready: ${tableError ?? 'connecting'}` };
      const failure = relay.failure();
      if (failure)
        return {
          ready: false,
          detail: `questdb: writes failing, ${outbox.size()} rows wait in the outbox: ${failure}`,
        };
      return { ready: true };
    },
    pendingRows: () => outbox.size(),
    async close(deadlineMs = defaultCloseDeadlineMs) {
      if (closed) return;
      closed = true;
      stopping.abort();
      const deadlineAt = Date.now() + deadlineMs;
      const draining = relay
        .drain(deadlineAt)
        .catch((error) => log.debug({ err: error }, 'questdb: flush on close failed'));
      await waitAtMost(draining, deadlineMs);
      // Tearing down the connections ends whatever the flush still waits on.
      await sender.close();
      if (!options.sql) await sql.end({ timeout: 0 });
      await waitAtMost(Promise.all([draining, preparing]), settleAfterDeadlineMs);
      if (outbox.size() > 0)
        log.info(
          { rows: outbox.size(), file: outboxFile },
          'questdb: unconfirmed rows stay in the outbox for the next start',
        );
      outbox.close();
    },
  } satisfies QuestDbStore;
}

/** The ILP endpoint, with the setting named in the error (config validation normally caught it already). */
function parseIlpSetting(ilp: string) {
  try {
    return parseIlpConfig(ilp);
  } catch (error) {
    throw new Error(`questdb.ilp: ${(error as Error).message}`);
  }
}
