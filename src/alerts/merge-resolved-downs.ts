import type { QueuedAlert } from './alert-queue.ts';

/**
 * For channels people read: a target's undelivered `down` (and any `reminder` after it) that a later
 * `up` among the same queued rows already resolved is folded into that `up`, whose message says how
 * long the target was down and since when; nobody needs to be told it is down once it is up again.
 * This only happens while a channel is behind (failing, slow, or a restart with a backlog). Returns
 * the rows to send and, per `up` row id, the rows it absorbs: they leave the queue when it is accepted.
 */
export function mergeResolvedDowns(rows: readonly QueuedAlert[]): {
  rows: QueuedAlert[];
  absorbed: Map<number, QueuedAlert[]>;
} {
  const unresolved = new Map<string, QueuedAlert[]>();
  const absorbed = new Map<number, QueuedAlert[]>();
  for (const row of rows) {
    const { kind, target } = row.event;
    if (kind === 'down' || kind === 'reminder') {
      unresolved.set(target, [...(unresolved.get(target) ?? []), row]);
    } else if (kind === 'up' && unresolved.has(target)) {
      absorbed.set(row.id, unresolved.get(target)!);
      unresolved.delete(target);
    }
  }
  const folded = new Set([...absorbed.values()].flat().map((row) => row.id));
  return { rows: rows.filter((row) => !folded.has(row.id)), absorbed };
}
