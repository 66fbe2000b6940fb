/**
 * The targets upbeat probes: a small node:http server in its own process that answers 200 at once
 * for any `/t/<n>` and, outside upbeat, counts probe arrivals per wall-clock second and the first
 * arrival of each target. Those two are what the staggering and first-interval figures come from.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { forkWorker, serveWorker } from './fork-worker.ts';

/** The path that answers with `regexBody`, for the target whose body pattern is expensive. */
export const regexBodyPath = '/regex-body';
// 64 KiB of "a": the most a target reads by default, and the worst input for (.*a){20}$.
const regexBody = Buffer.alloc(64 * 1024, 'a');

/** What the target server saw since it started listening. */
export interface TargetServerReport {
  /** [epoch second, probe arrivals in that second], ascending. */
  readonly perSecond: [number, number][];
  /** Per target index: epoch ms of its first arrival, or 0 if it never came. */
  readonly firstArrivals: number[];
  /** Requests whose path was not `/t/<n>` with n in range. */
  readonly strays: number;
  /** Every gap between two arrivals of the same target, in ms (the schedule seen from outside). */
  readonly gapsMs: number[];
  /** Per failing target index (see `fail`): epoch ms of each probe it answered 503 to. */
  readonly failedArrivals: Record<number, number[]>;
}

/** The parent's handle on the target server process. */
export interface TargetServer {
  readonly pid: number;
  /** One base URL per listening address, e.g. `http://127.0.0.2:40123`; target i is `${base}/t/${i}`. */
  readonly baseUrls: readonly string[];
  report(): Promise<TargetServerReport>;
  /** From now on, answer 503 to the targets `indexes` (an outage to watch the page follow). */
  fail(indexes: readonly number[]): Promise<void>;
  /** From now on, answer 200 to the targets `indexes` again (their failed arrivals stay reported). */
  recover(indexes: readonly number[]): Promise<void>;
  stop(): Promise<void>;
}

const callTimeoutMs = 30_000; // a report of 20,000 first arrivals is a few hundred kB of JSON
const maxGaps = 1_000_000; // 8 MB in the report at most; far more than any scenario's window holds

/** Starts the target server for `targets` targets on every host in `hosts` (each on a free port). */
export async function startTargetServer(options: {
  hosts: readonly string[];
  targets: number;
}): Promise<TargetServer> {
  const worker = await forkWorker(fileURLToPath(import.meta.url));
  try {
    const baseUrls = await worker.call<string[]>('listen', options, callTimeoutMs);
    return {
      pid: worker.pid,
      baseUrls,
      report: () => worker.call<TargetServerReport>('report', {}, callTimeoutMs),
      fail: (indexes) => worker.call<void>('fail', { indexes }, callTimeoutMs),
      recover: (indexes) => worker.call<void>('recover', { indexes }, callTimeoutMs),
      stop: () => worker.stop(),
    };
  } catch (error) {
    await worker.stop();
    throw error;
  }
}

/** The worker side: listens and counts. */
function serveTargets(): void {
  const perSecond = new Map<number, number>();
  let firstArrivals = new Float64Array(0);
  let lastArrivals = new Float64Array(0);
  const gapsMs: number[] = [];
  const failedArrivals = new Map<number, number[]>();
  const failing = new Set<number>();
  let strays = 0;
  const servers: Server[] = [];

  /** Counts the arrival; answers the status this target gives. */
  function onRequest(path: string): number {
    const now = Date.now();
    const index = path.startsWith('/t/') ? Number(path.slice(3)) : Number.NaN;
    if (!(Number.isInteger(index) && index >= 0 && index < firstArrivals.length)) {
      strays += 1; // not a probe: kept out of the per-second counts
      return 200;
    }
    const second = Math.floor(now / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    if (firstArrivals[index] === 0) firstArrivals[index] = now;
    if (lastArrivals[index]! > 0 && gapsMs.length < maxGaps) gapsMs.push(now - lastArrivals[index]!);
    lastArrivals[index] = now;
    if (!failing.has(index)) return 200;
    failedArrivals.get(index)!.push(now);
    return 503;
  }

  async function listen({ hosts, targets }: { hosts: string[]; targets: number }): Promise<string[]> {
    firstArrivals = new Float64Array(targets);
    lastArrivals = new Float64Array(targets);
    return Promise.all(
      hosts.map(async (host) => {
        const server = createServer((request, response) => {
          const status = onRequest(request.url ?? '');
          if (request.url === regexBodyPath) return response.writeHead(status).end(regexBody);
          response.writeHead(status, { 'content-length': '0' }).end();
        });
        // a probe burst must never meet a full accept queue: that would be a harness artefact
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen({ host, port: 0, backlog: 4096 }, resolve);
        });
        servers.push(server);
        return `http://${host}:${(server.address() as AddressInfo).port}`;
      }),
    );
  }

  serveWorker({
    listen,
    report: (): TargetServerReport => ({
      perSecond: [...perSecond].sort((a, b) => a[0] - b[0]),
      firstArrivals: Array.from(firstArrivals),
      strays,
      gapsMs,
      failedArrivals: Object.fromEntries(failedArrivals),
    }),
    fail: ({ indexes }: { indexes: number[] }) => {
      for (const index of indexes) {
        failing.add(index);
        if (!failedArrivals.has(index)) failedArrivals.set(index, []);
      }
    },
    recover: ({ indexes }: { indexes: number[] }) => {
      for (const index of indexes) failing.delete(index);
    },
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) serveTargets();
