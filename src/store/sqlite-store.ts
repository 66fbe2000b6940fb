import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { silentLogger, type Logger } from '../log.ts';
import type { Reason, Signal, State } from '../signal.ts';
import type { Bucket, Store } from './store.ts';

// Long enough to ride out another connection's short write (the QuestDB outbox may share the
// file), short enough that a stuck lock surfaces as an error instead of a silent stall.
const busyTimeoutMs = 5_000;
// One chunk deletes in a few ms, so a prune of millions of rows never holds the event loop for long.
const pruneChunkRows = 10_000;
// Epoch ms count no leap seconds, so multiples of these are exactly UTC hour and day starts.
const bucketMs = { hour: 3_600_000, day: 86_400_000 } as const;

/**
 * Migration i takes the file from schema version i to i + 1; PRAGMA user_version holds the version
 * the file is at (it is file-wide, so a module sharing the file must track its own elsewhere).
 * The primary key leads with target, then received, so "newest rows of one target" is a backwards
 * walk of the key; (target, received, region) is still the row's identity, which makes a replayed
 * append a no-op. WITHOUT ROWID stores each row once, in key order, instead of a rowid table plus a
 * second copy of the key (measured: ~12 % smaller file, ~10 % faster one-row appends, reads as fast).
 * Version 2 adds the probe's phases, NULL where a phase was not measured (and in rows from before).
 */
const migrations = [
  `CREATE TABLE IF NOT EXISTS signals (
     received INTEGER NOT NULL, target TEXT NOT NULL, region TEXT NOT NULL, url TEXT NOT NULL,
     http_status INTEGER NOT NULL, available INTEGER NOT NULL, state TEXT NOT NULL,
     latency_ms REAL NOT NULL, reason TEXT,
     PRIMARY KEY (target, received, region)
   ) WITHOUT ROWID;
   CREATE INDEX IF NOT EXISTS signals_received ON signals (received);`,
  `ALTER TABLE signals ADD COLUMN dns_ms REAL;
   ALTER TABLE signals ADD COLUMN connect_ms REAL;
   ALTER TABLE signals ADD COLUMN tls_ms REAL;
   ALTER TABLE signals ADD COLUMN first_byte_ms REAL;`,
];

const columns =
  'received, target, region, url, http_status, available, state, latency_ms, reason, dns_ms, connect_ms, tls_ms, first_byte_ms';

interface SignalRow {
  received: number;
  target: string;
  region: string;
  url: string;
  http_status: number;
  available: number;
  state: string;
  latency_ms: number;
  reason: string | null;
  dns_ms: number | null;
  connect_ms: number | null;
  tls_ms: number | null;
  first_byte_ms: number | null;
}

/** The embedded default store: signals in one SQLite file (WAL mode) under the data directory. */
export function createSqliteStore(options: { file: string; log?: Logger }): Store {
  const { file, log = silentLogger } = options;
  const db = openDatabase(file);
  const insert = db.prepare(
    `INSERT OR IGNORE INTO signals (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAll = db.transaction((signals: readonly Signal[]) => {
    for (const s of signals) {
      insert.run(
        s.received,
        s.target,
        s.region,
        s.url,
        s.httpStatus,
        s.available ? 1 : 0,
        s.state,
        s.latencyMs,
        s.reason,
        s.dnsMs,
        s.connectMs,
        s.tlsMs,
        s.firstByteMs,
      );
    }
  });
  // A skip-scan of the primary key: one index seek per target, where SELECT DISTINCT reads every row.
  const listTargets = db
    .prepare(
      `WITH RECURSIVE targets(name) AS (
         SELECT MIN(target) FROM signals
         UNION ALL SELECT (SELECT MIN(target) FROM signals WHERE target > name) FROM targets WHERE name IS NOT NULL
       ) SELECT name FROM targets WHERE name IS NOT NULL`,
    )
    .pluck();
  const selectNewest = db.prepare<[string, number], SignalRow>(
    `SELECT ${columns} FROM signals WHERE target = ? ORDER BY received DESC, region DESC LIMIT ?`,
  );
  const readSignalsInSnapshot = db.transaction((limit: number, target?: string) => {
    const targets = target === undefined ? (listTargets.all() as string[]) : [target];
    return targets.flatMap((name) => selectNewest.all(name, limit).reverse().map(toSignal));
  });
  const selectRange = db.prepare<[number, number], SignalRow>(
    `SELECT ${columns} FROM signals WHERE received >= ? AND received < ? ORDER BY received, target, region`,
  );
  const selectBuckets = db.prepare<[number, string, number, number], Bucket>(
    `SELECT target, received - received % ? AS start, COUNT(*) AS checks, SUM(available) AS up,
            AVG(latency_ms) AS avgMs
     FROM signals WHERE target = ? AND received >= ? AND received < ? GROUP BY start ORDER BY start`,
  );
  const deleteChunk = db.prepare<[number, number]>(
    `DELETE FROM signals WHERE (target, received, region) IN
       (SELECT target, received, region FROM signals WHERE received < ? ORDER BY received LIMIT ?)`,
  );

  let failure: string | undefined;
  /** Runs one synchronous database step, turning "closed" into a clear error and tracking health. */
  function guard<T>(operation: string, step: () => T): T {
    if (!db.open) throw new Error(`sqlite store is closed (${file}): ${operation} refused`);
    try {
      const result = step();
      failure = undefined;
      return result;
    } catch (error) {
      failure = `${operation} failed: ${(error as Error).message}`;
      log.error({ err: error, file, operation }, 'sqlite store: operation failed');
      throw error;
    }
  }

  log.debug({ file }, 'sqlite store: opened');
  return {
    async append(signals) {
      guard('append', () => insertAll(signals));
    },
    async readSignals({ limit, target }) {
      // SQLite reads LIMIT -1 as "no limit": a limit below 1 asks for nothing, so read nothing.
      return guard('readSignals', () => (limit >= 1 ? readSignalsInSnapshot(Math.floor(limit), target) : []));
    },
    async readRange({ from, to }) {
      return guard('readRange', () => selectRange.all(from, to).map(toSignal));
    },
    async readBuckets({ from, to, size }) {
      // One target per statement, yielding between them: 90 days of every target in one statement
      // would hold the event loop for seconds, one target's walk of the primary key for milliseconds.
      const buckets: Bucket[] = [];
      for (const target of guard('readBuckets', () => listTargets.all() as string[])) {
        buckets.push(...guard('readBuckets', () => selectBuckets.all(bucketMs[size], target, from, to)));
        await yieldToEventLoop();
      }
      return buckets;
    },
    async prune(before) {
      let removed = 0;
      for (;;) {
        const { changes } = guard('prune', () => deleteChunk.run(before, pruneChunkRows));
        removed += changes;
        if (changes < pruneChunkRows) return removed;
        await yieldToEventLoop();
      }
    },
    readiness() {
      if (!db.open) return { ready: false, detail: 'sqlite store is closed' };
      return failure === undefined ? { ready: true } : { ready: false, detail: failure };
    },
    async close() {
      if (db.open) db.close();
    },
  } satisfies Store;
}

/** Opens (creating parent directories and the file if needed) and tunes the connection, then migrates. */
function openDatabase(file: string): Database.Database {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL still makes each commit survive a crash of this process (the WAL is in the
    // OS before commit returns); only the fsync waits for a checkpoint, so power loss may drop the
    // last few commits. FULL would fsync on every append for no gain against process crashes.
    db.pragma('synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Brings the file's schema up to date in one write transaction, so two openers can't race. */
function migrate(db: Database.Database): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > migrations.length) {
      throw new Error(
        `sqlite store: schema version ${version} is newer than this upbeat knows (${migrations.length})`,
      );
    }
    for (const migration of migrations.slice(version)) db.exec(migration);
    db.pragma(`user_version = ${migrations.length}`);
  }).immediate();
}

function toSignal(row: SignalRow): Signal {
  return {
    received: row.received,
    target: row.target,
    region: row.region,
    url: row.url,
    httpStatus: row.http_status,
    available: row.available === 1,
    state: row.state as State,
    latencyMs: row.latency_ms,
    reason: row.reason as Reason | null,
    dnsMs: row.dns_ms,
    connectMs: row.connect_ms,
    tlsMs: row.tls_ms,
    firstByteMs: row.first_byte_ms,
  };
}
