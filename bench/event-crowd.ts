/**
 * A crowd of status pages in its own process: N `/api/events` streams opened at a steady pace, each
 * noting when it first sees each target in state `down`. A stream the server refuses (503 at its
 * cap) does what the page does: it polls `/api/status` with `If-None-Match`.
 */
import { get, type IncomingMessage } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { forkWorker, serveWorker } from './fork-worker.ts';

/** What the crowd saw since it opened. */
export interface CrowdReport {
  /** Streams answered 200, and of those how many are still open now. */
  readonly opened: number;
  readonly stillOpen: number;
  /** Streams answered 503 (then polling), and any other answer or socket error. */
  readonly refused: number;
  readonly errors: number;
  /** `targets` events received over all streams, and their bytes. */
  readonly events: number;
  readonly megabytes: number;
  /** Per target seen down: how many streams saw it, and the first and last of their first sightings (epoch ms). */
  readonly downSeen: Record<string, { streams: number; firstMs: number; lastMs: number }>;
  /** Polls by refused viewers, by status or `error <code>`. */
  readonly polls: Record<string, number>;
}

/** The parent's handle on the crowd process. */
export interface EventCrowd {
  readonly pid: number;
  /** Opens `streams` streams at `perSecond`; resolves once each has its answer. */
  open(spec: { origin: string; streams: number; perSecond: number; pollMs: number }): Promise<void>;
  report(): Promise<CrowdReport>;
  stop(): Promise<void>;
}

const callTimeoutMs = 300_000; // opening 10,000 streams on a busy machine whose crowd is also reading
const browserLike = { 'accept-encoding': 'gzip, deflate, br' }; // what the page's fetch sends
const downMarker = Buffer.from('","state":"down"');
const nameMarker = '{"name":"';
// a TargetStatus starts {"name":"…","url":"…","state":…; a URL longer than this is not a bench target
const lookBehind = 300;

/** Starts the crowd process. */
export async function startEventCrowd(): Promise<EventCrowd> {
  const worker = await forkWorker(fileURLToPath(import.meta.url));
  return {
    pid: worker.pid,
    open: (spec) => worker.call<void>('open', spec, callTimeoutMs),
    report: () => worker.call<CrowdReport>('report', {}, callTimeoutMs),
    stop: () => worker.stop(),
  };
}

function serveCrowd(): void {
  const counts = { opened: 0, stillOpen: 0, refused: 0, errors: 0, events: 0, bytes: 0 };
  const downSeen = new Map<string, { streams: number; firstMs: number; lastMs: number }>();
  const polls: Record<string, number> = {};

  function noteDown(name: string, at: number): void {
    const seen = downSeen.get(name);
    if (!seen) downSeen.set(name, { streams: 1, firstMs: at, lastMs: at });
    else {
      seen.streams += 1;
      seen.lastMs = Math.max(seen.lastMs, at);
    }
  }

  /** Follows one stream: counts events and notes each target's first `down`. */
  function follow(response: IncomingMessage): void {
    counts.opened += 1;
    counts.stillOpen += 1;
    const seenDown = new Set<string>();
    let tail: Buffer = Buffer.alloc(0); // the end of the last chunk: a marker may straddle two
    response.on('data', (chunk: Buffer) => {
      const at = Date.now();
      counts.bytes += chunk.length;
      for (let i = chunk.indexOf('event: targets'); i >= 0; i = chunk.indexOf('event: targets', i + 1))
        counts.events += 1;
      const text = tail.length > 0 ? Buffer.concat([tail, chunk]) : chunk;
      for (let i = text.indexOf(downMarker); i >= 0; i = text.indexOf(downMarker, i + 1)) {
        const window = text.toString('utf8', Math.max(0, i - lookBehind), i);
        const start = window.lastIndexOf(nameMarker);
        if (start < 0) continue;
        const name = window.slice(start + nameMarker.length, window.indexOf('"', start + nameMarker.length));
        if (seenDown.has(name)) continue;
        seenDown.add(name);
        noteDown(name, at);
      }
      tail = text.subarray(Math.max(0, text.length - lookBehind));
    });
    response.on('close', () => (counts.stillOpen -= 1));
  }

  /** What a refused page does: polls /api/status, revalidating with the last ETag. */
  function poll(origin: string, pollMs: number): void {
    let etag: string | undefined;
    const once = () =>
      get(
        `${origin}/api/status`,
        { agent: false, headers: { ...browserLike, ...(etag ? { 'if-none-match': etag } : {}) } },
        (response) => {
          polls[response.statusCode!] = (polls[response.statusCode!] ?? 0) + 1;
          etag = (response.headers.etag as string | undefined) ?? etag;
          response.resume();
        },
      ).on('error', (error: NodeJS.ErrnoException) => {
        // by its code (ECONNRESET, ETIMEDOUT, ...): "error" alone does not say whose fault it is
        const key = `error ${error.code ?? error.message}`;
        polls[key] = (polls[key] ?? 0) + 1;
      });
    once();
    setInterval(once, pollMs);
  }

  function openOne(origin: string, pollMs: number): Promise<void> {
    return new Promise((resolve) => {
      get(`${origin}/api/events`, { agent: false }, (response) => {
        if (response.statusCode === 200) follow(response);
        else if (response.statusCode === 503) {
          counts.refused += 1;
          response.resume();
          poll(origin, pollMs);
        } else {
          counts.errors += 1;
          response.resume();
        }
        resolve();
      }).on('error', () => {
        counts.errors += 1;
        resolve();
      });
    });
  }

  async function open(spec: { origin: string; streams: number; perSecond: number; pollMs: number }) {
    const batch = Math.max(1, Math.round(spec.perSecond / 10)); // ten batches a second
    const pending: Promise<void>[] = [];
    for (let opened = 0; opened < spec.streams; opened += batch) {
      for (let i = opened; i < Math.min(spec.streams, opened + batch); i++)
        pending.push(openOne(spec.origin, spec.pollMs));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await Promise.all(pending);
  }

  serveWorker({
    open,
    report: (): CrowdReport => ({
      opened: counts.opened,
      stillOpen: counts.stillOpen,
      refused: counts.refused,
      errors: counts.errors,
      events: counts.events,
      megabytes: counts.bytes / 1e6,
      downSeen: Object.fromEntries(downSeen),
      polls,
    }),
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) serveCrowd();
