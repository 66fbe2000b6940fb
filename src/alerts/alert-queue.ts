import { openSqliteFile } from '../store/open-sqlite-file.ts';
import type { AlertEvent } from './alert-event.ts';

/** A queued alert: its place in the queue, its channel and the event. */
export interface QueuedAlert {
  readonly id: number;
  readonly channel: string;
  readonly event: AlertEvent;
  /** Epoch ms it was queued. */
  readonly queuedAt: number;
}

/** The durable queue of alerts not yet accepted by their channel. */
export interface AlertQueue {
  /** Stores alerts (committed before this returns, so a crash right after loses none). */
  add(alerts: readonly { channel: string; event: AlertEvent }[], queuedAt: number): void;
  /** The oldest `limit` alerts of one channel, in the order they were queued. */
  head(channel: string, limit: number): QueuedAlert[];
  remove(ids: readonly number[]): void;
  size(channel?: string): number;
  close(): void;
}

/**
 * Opens the alert queue table in the SQLite file at `file` (the data directory's upbeat.db, shared
 * with the store or the QuestDB outbox; this touches only its own table). The row id is the order.
 */
export function openAlertQueue(file: string): AlertQueue {
  // WAL with NORMAL (openSqliteFile) survives a crash of this process (kill -9): the promise made here.
  const db = openSqliteFile(file, (db) =>
    db.exec(`
    CREATE TABLE IF NOT EXISTS alert_queue (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      channel TEXT NOT NULL, event TEXT NOT NULL, queued_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS alert_queue_channel ON alert_queue (channel, id);
  `),
  );
  const insert = db.prepare('INSERT INTO alert_queue (channel, event, queued_at) VALUES (?, ?, ?)');
  const addAll = db.transaction((alerts: readonly { channel: string; event: AlertEvent }[], at: number) => {
    for (const alert of alerts) insert.run(alert.channel, JSON.stringify(alert.event), at);
  });
  const selectHead = db.prepare<
    [string, number],
    { id: number; channel: string; event: string; queued_at: number }
  >('SELECT id, channel, event, queued_at FROM alert_queue WHERE channel = ? ORDER BY id LIMIT ?');
  const deleteOne = db.prepare('DELETE FROM alert_queue WHERE id = ?');
  const removeAll = db.transaction((ids: readonly number[]) => {
    for (const id of ids) deleteOne.run(id);
  });
  const countAll = db.prepare('SELECT COUNT(*) FROM alert_queue').pluck();
  const countChannel = db.prepare('SELECT COUNT(*) FROM alert_queue WHERE channel = ?').pluck();

  return {
    add: (alerts, queuedAt) => addAll(alerts, queuedAt),
    head: (channel, limit) =>
      selectHead.all(channel, limit).map((row) => ({
        id: row.id,
        channel: row.channel,
        event: JSON.parse(row.event) as AlertEvent,
        queuedAt: row.queued_at,
      })),
    remove: (ids) => removeAll(ids),
    size: (channel) => (channel === undefined ? countAll.get() : countChannel.get(channel)) as number,
    close: () => db.close(),
  };
}
