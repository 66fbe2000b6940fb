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
// ms and requests are answered between turns instead of after all 5,000 writes (probes run in
// their own thread; 1,000 a turn halved what wrk got from / and /api/status and sped up no page).
const writesPerTurn = 250;

// A burst of state changes (an outage hitting many targets within a second) goes out as a few
// messages a second, not one per change.
const promptFlushesPerInterval = 4;

/**
 * Fans live updates out to every open `/api/events` stream. Probes only mark targets as changed
 * (a set insert); once per `intervalMs` the hub builds one `targets` event for everything that
 * changed, serializes it once and writes the same bytes to every stream, 250 streams per
 * event-loop turn so requests are answered between turns, not after the whole fan-out. The cost of a probe
 * is therefore independent of the number of viewers, and an idle stream costs only its socket.
 *
 * A state change (and the `incidents` event it brings) does not wait for the tick: it goes out as
 * soon as the update on its way, if any, has reached every stream, at most
 * `promptFlushesPerInterval` times per interval. One message is ever on its way: whatever
 * changes meanwhile joins the next, so nothing queues up behind a slow fan-out.
 */
export function createEventHub(options: EventHubOptions) {
  const maxBufferedBytes = options.maxBufferedBytes ?? defaultMaxBufferedBytes;
  const promptGapMs = options.intervalMs / promptFlushesPerInterval;
  const streams = new Set<EventStream>();
  const changed = new Set<string>();
  // other events (`incidents`) waiting for the next message: each carries a whole list, so only
  // the latest of a kind matters
  const pendingEvents = new Map<string, string>();
  const counts = { sent: 0, dropped: 0, refused: 0 };
  // The message on its way, with the streams open when it was sent.
  let job: { chunk: Buffer; streams: EventStream[]; next: number } | undefined;
  // a flush came while a message was on its way: it goes out once that one is done
  let flushWhenDone = false;
  let promptTimer: NodeJS.Timeout | undefined;
  let lastFlushAt = -Infinity;
  let closed = false;

  function broadcast(chunk: Buffer): void {
    job = { chunk, streams: [...streams], next: 0 };
    sendSome();
  }

  /** Writes the message to the next `writesPerTurn` streams; the rest on later turns. */
  function sendSome(): void {
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
    if (job.next < job.streams.length) {
      setImmediate(sendSome);
      return;
    }
    job = undefined;
    if (flushWhenDone) flush();
  }

  /**
   * Sends what changed since the last flush as one message; nothing when nothing changed or
   * nobody watches. While a message is still being written (a busy process, many streams), this
   * flush waits for it to finish, and changes keep gathering until then.
   */
  function flush(): void {
    if (closed) return;
    if (job) {
      flushWhenDone = true;
      return;
    }
    flushWhenDone = false;
    clearTimeout(promptTimer);
    promptTimer = undefined;
    if (changed.size === 0 && pendingEvents.size === 0) return;
    const names = [...changed];
    changed.clear();
    const events = [...pendingEvents];
    pendingEvents.clear();
    // a page opened later starts from a fresh snapshot, so changes nobody saw need not be kept
    if (streams.size === 0) return;
    const parts = names.length > 0 ? [`event: targets\ndata: ${options.describe(names)}\n\n`] : [];
    for (const [event, data] of events) parts.push(`event: ${event}\ndata: ${data}\n\n`);
    lastFlushAt = performance.now();
    broadcast(Buffer.from(parts.join('')));
    counts.sent += 1;
  }

  /** Flushes soon instead of at the next tick; changes that arrive meanwhile join the message. */
  function flushPromptly(): void {
    if (promptTimer || closed) return;
    const waitMs = Math.max(0, lastFlushAt + promptGapMs - performance.now());
    promptTimer = setTimeout(flush, waitMs);
  }

  const flushTimer = setInterval(flush, options.intervalMs).unref();
  // a message on its way keeps the streams busy anyway
  const heartbeatTimer = setInterval(() => job || broadcast(heartbeat), options.heartbeatMs).unref();

  return {
    /** Notes that a target was probed; it goes out with the next tick's flush. */
    markChanged(target: string): void {
      changed.add(target);
    },

    /** Notes that a target's state changed (up, down, ...): it goes out promptly, not at the tick. */
    markStateChanged(target: string): void {
      changed.add(target);
      flushPromptly();
    },

    /**
     * Sends an event of another kind (`incidents`, whose data is the whole list) promptly, in one
     * message with the targets that changed: serialized once, the same bytes for all. Only the
     * latest data of a kind is kept until then; nothing when nobody watches.
     */
    send(event: string, data: string): void {
      if (closed || streams.size === 0) return;
      pendingEvents.set(event, data);
      flushPromptly();
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
      clearTimeout(promptTimer);
      job = undefined;
      for (const stream of streams) stream.end();
      streams.clear();
    },
  };
}

/** The live event fan-out. */
export type EventHub = ReturnType<typeof createEventHub>;
