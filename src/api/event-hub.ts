/** The part of a Node `ServerResponse` (or socket) the hub writes to. */
export interface EventStream {
  write(chunk: Buffer): unknown;
  /** Bytes written but not yet handed to the kernel: how far this reader is behind. */
  readonly writableLength: number;
  destroy(): void;
  end(): void;
}

/** Live-update settings (see the README's `live:` keys). */
export interface EventHubOptions {
  /** The `data` of one `targets` event for the targets that changed (JSON, one line). */
  readonly describe: (changedTargets: readonly string[]) => string;
  /** At most one `targets` event per stream this often. */
  readonly intervalMs: number;
  /** A comment line this often, so proxies do not close a quiet stream. */
  readonly heartbeatMs: number;
  /** Most open streams; `add` refuses more. */
  readonly maxStreams: number;
  /** A stream further behind than this is closed (the page reconnects and resyncs). */
  readonly maxBufferedBytes?: number;
}

// Several full updates of 100 targets (~3 KB each); the bytes are shared by every stream, so a
// slow reader holds references, not copies.
const defaultMaxBufferedBytes = 1 << 20;
const heartbeat = Buffer.from(':\n\n');
// Writes per event-loop turn: a write of a 12 KB update costs tens of µs, so a turn stays at a few
// ms and a probe's timer fires between turns instead of after all 5,000 writes.
const writesPerTurn = 250;

/**
 * Fans live updates out to every open `/api/events` stream. Probes only mark targets as changed
 * (a set insert); once per `intervalMs` the hub builds one `targets` event for everything that
 * changed, serializes it once and writes the same bytes to every stream, 250 streams per
 * event-loop turn so probe timers are never queued behind the whole fan-out. The cost of a probe
 * is therefore independent of the number of viewers, and an idle stream costs only its socket.
 */
export function createEventHub(options: EventHubOptions) {
  const maxBufferedBytes = options.maxBufferedBytes ?? defaultMaxBufferedBytes;
  const streams = new Set<EventStream>();
  const changed = new Set<string>();
  const counts = { sent: 0, dropped: 0, refused: 0 };
  // Messages on their way, oldest first, each with the streams open when it was sent.
  const outbox: { chunk: Buffer; streams: EventStream[]; next: number }[] = [];
  let closed = false;

  function broadcast(chunk: Buffer): void {
    outbox.push({ chunk, streams: [...streams], next: 0 });
    if (outbox.length === 1) sendSome();
  }

  /** Writes the oldest message to the next `writesPerTurn` streams; the rest on later turns. */
  function sendSome(): void {
    const job = outbox[0];
    if (!job) return;
    const end = Math.min(job.streams.length, job.next + writesPerTurn);
    for (; job.next < end; job.next++) {
      const stream = job.streams[job.next]!;
      if (!streams.has(stream)) continue; // left (or was dropped) since the message was queued
      if (stream.writableLength > maxBufferedBytes) {
        streams.delete(stream);
        counts.dropped += 1;
        stream.destroy();
      } else {
        stream.write(job.chunk);
      }
    }
    if (job.next === job.streams.length) outbox.shift();
    if (outbox.length > 0) setImmediate(sendSome);
  }

  /**
   * Sends what changed since the last flush; nothing when nothing changed or nobody watches. While
   * the previous update is still being written (a busy process, many streams), changes keep
   * gathering for the next one: at most one update is ever on its way, however far behind.
   */
  function flush(): void {
    if (changed.size === 0 || outbox.length > 0) return;
    const names = [...changed];
    changed.clear();
    // a page opened later starts from a fresh snapshot, so changes nobody saw need not be kept
    if (streams.size === 0) return;
    broadcast(Buffer.from(`event: targets\ndata: ${options.describe(names)}\n\n`));
    counts.sent += 1;
  }

  const flushTimer = setInterval(flush, options.intervalMs).unref();
  // an update on its way keeps the streams busy anyway
  const heartbeatTimer = setInterval(
    () => outbox.length === 0 && broadcast(heartbeat),
    options.heartbeatMs,
  ).unref();

  return {
    /** Notes that a target's status changed; it goes out with the next flush. */
    markChanged(target: string): void {
      changed.add(target);
    },

    /**
     * Sends one event of another kind (`incidents`) to every open stream now: serialized once, the
     * same bytes for all, queued behind an update on its way. Nothing when nobody watches.
     */
    send(event: string, data: string): void {
      if (closed || streams.size === 0) return;
      broadcast(Buffer.from(`event: ${event}\ndata: ${data}\n\n`));
      counts.sent += 1;
    },

    /** Whether `add` would accept one more stream. */
    hasRoom(): boolean {
      return !closed && streams.size < options.maxStreams;
    },

    /** Starts sending to `stream`; false (and counted) when the hub is full or closed. */
    add(stream: EventStream): boolean {
      if (!this.hasRoom()) {
        counts.refused += 1;
        return false;
      }
      streams.add(stream);
      return true;
    },

    /** Stops sending to `stream` (its client left). */
    remove(stream: EventStream): void {
      streams.delete(stream);
    },

    /** Sends pending changes now instead of at the next tick (tests, shutdown). */
    flush,

    /** How many streams are open. */
    get size(): number {
      return streams.size;
    },

    /** Events sent, streams dropped for falling behind, streams refused at the cap: since start. */
    stats(): { sent: number; dropped: number; refused: number } {
      return { ...counts };
    },

    /** Ends every stream and stops the timers (shutdown); later streams are refused. */
    close(): void {
      closed = true;
      clearInterval(flushTimer);
      clearInterval(heartbeatTimer);
      outbox.length = 0;
      for (const stream of streams) stream.end();
      streams.clear();
    },
  };
}

/** The live event fan-out. */
export type EventHub = ReturnType<typeof createEventHub>;
