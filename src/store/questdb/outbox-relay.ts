import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../log.ts';
import { backoffDelayMs, type Backoff } from '../../backoff.ts';
import { errorFields } from '../../repeated-failure-log.ts';
import { toIlpLine } from './ilp-encode.ts';
import type { IlpSender } from './ilp-sender.ts';
import type { Outbox, OutboxStream, SentRow } from './outbox.ts';

/** The keys QuestDB holds in `stream`'s table for `region` with `from <= received <= to`, read back over PG wire. */
export type ReadKeys = (query: {
  stream: OutboxStream;
  region: string;
  from: number;
  to: number;
}) => Promise<{ target: string; received: number }[]>;

/** How the relay paces itself. */
export interface RelayTimings {
  /** Flush and confirm about this often. */
  readonly intervalMs: number;
  /** Rows per write; this many new rows also start a flush before the interval is up. */
  readonly batchRows: number;
  /** A sent row still unconfirmed after this long is sent again (well past commit lag + WAL apply). */
  readonly resendAfterMs: number;
  /** No new rows go out while this many wait for confirmation, so a backlog drains at the pace QuestDB confirms. */
  readonly maxSentRows: number;
  /** One confirmation query covers at most this span of `received`, keeping its answer small. */
  readonly confirmSpanMs: number;
  /** Pause after a failure: a refused connection, a dropped one, a failed read-back. */
  readonly backoff: Backoff;
}

/** Defaults: QuestDB commits about once a second, and a restart takes seconds. */
export const defaultRelayTimings: RelayTimings = {
  intervalMs: 1_000,
  batchRows: 1_000,
  resendAfterMs: 10_000,
  maxSentRows: 10_000,
  confirmSpanMs: 600_000,
  backoff: { baseMs: 250, capMs: 30_000 },
};

const drainPollMs = 200; // while closing: several looks per QuestDB commit

/**
 * Moves rows from the outbox to QuestDB and removes them once QuestDB is known to hold them:
 * acknowledged by the sender (HTTP), or found by reading their keys back (TCP, which never
 * answers). Anything unconfirmed is sent again: after `resendAfterMs`, after the connection
 * drops, after a restart. DEDUP UPSERT KEYS on the table makes every resend harmless.
 */
export function createOutboxRelay(options: {
  outbox: Outbox;
  /** The QuestDB table each stream's rows go to. */
  tables: Readonly<Record<OutboxStream, string>>;
  sender: IlpSender;
  readKeys: ReadKeys;
  log: Logger;
  timings?: Partial<RelayTimings>;
}) {
  const { outbox, tables, sender, readKeys, log } = options;
  const timings = { ...defaultRelayTimings, ...options.timings };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let started = false;
  let stopped = false;
  let appendedSinceCycle = 0;
  let failures = 0;
  let failure: string | undefined;

  function fail(error: unknown): void {
    failures++;
    failure = error instanceof Error ? error.message : String(error);
    const fields = { ...errorFields(error), attempt: failures, waiting: outbox.size() };
    if (failures === 1) log.warn(fields, 'questdb: writes failing; rows wait in the outbox');
    else log.debug(fields, 'questdb: writes still failing');
  }

  function succeed(): void {
    if (failures > 0) log.info({ afterAttempts: failures }, 'questdb: writes recovered');
    failures = 0;
    failure = undefined;
  }

  async function sendUnsent(): Promise<void> {
    while (outbox.countSent() < timings.maxSentRows) {
      const batch = outbox.claimUnsent(timings.batchRows, Date.now());
      if (batch.length === 0) return;
      const payload = batch.map((row) => toIlpLine(tables[row.stream], row.line)).join('');
      let outcome: 'acknowledged' | 'written';
      try {
        outcome = await sender.send(payload);
      } catch (error) {
        outbox.requeue(batch.map((row) => row.id));
        throw error;
      }
      if (outcome === 'acknowledged') {
        outbox.removeConfirmed(batch);
        succeed();
      }
    }
  }

  async function confirmSent(): Promise<void> {
    const sent = outbox.listSent(timings.maxSentRows + timings.batchRows);
    for (const span of splitIntoSpans(sent, timings.confirmSpanMs)) {
      const { stream, region, from, to } = span;
      const held = await readKeys({ stream, region, from, to });
      const keys = new Set(held.map((key) => keyOf(key.received, key.target)));
      const confirmed: SentRow[] = span.rows.filter((row) => keys.has(keyOf(row.received, row.target)));
      if (confirmed.length > 0 && outbox.removeConfirmed(confirmed) > 0) succeed();
    }
  }

  async function cycle(): Promise<void> {
    appendedSinceCycle = 0;
    const resent = outbox.requeueSentBefore(Date.now() - timings.resendAfterMs);
    if (resent > 0) log.info({ rows: resent }, 'questdb: sending again rows not confirmed in time');
    await sendUnsent();
    if (outbox.countSent() > 0) await confirmSent();
    if (outbox.size() === 0) succeed(); // nothing waiting: nothing is failing
  }

  /** One cycle whose failure is recorded, never thrown. */
  async function runCycle(): Promise<void> {
    try {
      await cycle();
    } catch (error) {
      fail(error);
    }
  }

  function schedule(delayMs: number): void {
    clearTimeout(timer);
    if (stopped) return;
    // Unref'd: a store nobody closed must not keep the process alive.
    timer = setTimeout(tick, delayMs).unref();
  }

  function tick(): void {
    if (running || stopped) return;
    running = runCycle().finally(() => {
      running = undefined;
      schedule(failures > 0 ? backoffDelayMs(failures, timings.backoff) : timings.intervalMs);
    });
  }

  return {
    /** Begins relaying (call once the table exists: a line sent earlier would let ILP create it wrongly). */
    start(): void {
      if (started || stopped) return;
      started = true;
      schedule(0);
    },
    /** Counts freshly stored rows; a full batch is sent without waiting for the interval. */
    notifyAppended(rows: number): void {
      appendedSinceCycle += rows;
      if (started && failures === 0 && appendedSinceCycle >= timings.batchRows) schedule(0);
    },
    /** The connection dropped: whatever it carried may be lost, so all sent rows go out again. */
    notifyDisconnected(reason: string): void {
      const requeued = outbox.requeueAll();
      if (requeued > 0)
        fail(new Error(`QuestDB closed the ILP connection with ${requeued} rows unconfirmed: ${reason}`));
    },
    /** Why writes are failing right now, if they are. */
    failure: (): string | undefined => failure,
    /**
     * Stops the schedule, then sends and confirms until the outbox is empty, a step fails, or
     * `deadlineAt` (epoch ms) passes. What is left stays in the outbox for the next start.
     */
    async drain(deadlineAt: number): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running;
      if (!started) return;
      while (outbox.size() > 0 && Date.now() < deadlineAt) {
        try {
          await cycle();
        } catch (error) {
          log.debug({ err: error, waiting: outbox.size() }, 'questdb: flush on close stopped');
          return;
        }
        if (outbox.size() > 0) await sleep(Math.min(drainPollMs, Math.max(0, deadlineAt - Date.now())));
      }
    },
  };
}

/**
 * Splits sent rows (sorted by stream, region, received) into runs of one stream and region
 * spanning at most `spanMs`.
 */
function splitIntoSpans<T extends { stream: OutboxStream; region: string; received: number }>(
  rows: readonly T[],
  spanMs: number,
) {
  const spans: { stream: OutboxStream; region: string; from: number; to: number; rows: T[] }[] = [];
  for (const row of rows) {
    const last = spans.at(-1);
    if (
      last &&
      last.stream === row.stream &&
      last.region === row.region &&
      row.received - last.from <= spanMs
    ) {
      last.rows.push(row);
      last.to = row.received;
    } else {
      const { stream, region, received } = row;
      spans.push({ stream, region, from: received, to: received, rows: [row] });
    }
  }
  return spans;
}

function keyOf(received: number, target: string): string {
  return `${received} ${target}`; // a number has no space, so the first one ends it
}
