/**
 * An HTTP/1.1 load generator in its own process: `connections` keep-alive sockets, each sending the
 * next GET as soon as the previous response is complete (closed loop, no pipelining). Written on raw
 * sockets rather than node:http so that one process can outrun the server under test, and so that
 * a connection can revalidate with the ETag it last saw, as a polling page does.
 */
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { forkWorker, serveWorker } from './fork-worker.ts';

/** One load run. */
export interface LoadSpec {
  readonly url: string;
  readonly connections: number;
  /** Traffic before the measured part (JIT warm-up, connections settling); not counted. */
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Send `If-None-Match` with the ETag of the connection's last 200, as a polling client would. */
  readonly revalidate: boolean;
}

/** What a load run measured over its measured part. */
export interface LoadResult {
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly statuses: Record<string, number>;
  /** Mean body bytes per 200 response (what the encoding saves). */
  readonly bytesPer200: number;
  /** Sockets that failed or closed mid-response (each reconnects). */
  readonly errors: number;
}

/** The parent's handle on the load generator process. */
export interface LoadGenerator {
  readonly pid: number;
  run(spec: LoadSpec): Promise<LoadResult>;
  stop(): Promise<void>;
}

const bucketMs = 0.01; // latency resolution: 1 % at 1 ms, where keep-alive answers on loopback sit
const bucketCount = 200_000; // up to 2 s; slower answers land in the last bucket (max is kept exactly)
const callSlackMs = 30_000; // the run's own length plus room for connecting and closing

/** Starts the load generator process; runs are sequential. */
export async function startLoadGenerator(): Promise<LoadGenerator> {
  const worker = await forkWorker(fileURLToPath(import.meta.url));
  return {
    pid: worker.pid,
    run: (spec) => worker.call<LoadResult>('run', spec, spec.warmupMs + spec.durationMs + callSlackMs),
    stop: () => worker.stop(),
  };
}

/** Closed-loop load on one URL until the measured part is over. */
async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const url = new URL(spec.url);
  const fixedHead =
    `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n` +
    Object.entries(spec.headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
  const startedAt = performance.now();
  const measureFrom = startedAt + spec.warmupMs;
  const measureTo = measureFrom + spec.durationMs;
  const latencies = new Uint32Array(bucketCount);
  const statuses: Record<string, number> = {};
  let requests = 0;
  let maxMs = 0;
  let bytes200 = 0;
  let count200 = 0;
  let errors = 0;

  function record(status: number, sentAt: number, bodyBytes: number): void {
    const at = performance.now();
    if (sentAt < measureFrom || at > measureTo) return;
    const ms = at - sentAt;
    latencies[Math.min(bucketCount - 1, Math.floor(ms / bucketMs))]! += 1;
    if (ms > maxMs) maxMs = ms;
    requests += 1;
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status === 200) {
      bytes200 += bodyBytes;
      count200 += 1;
    }
  }

  /** One keep-alive connection; reconnects after a failure until the run is over. */
  async function drive(): Promise<void> {
    let etag: string | undefined;
    while (performance.now() < measureTo) {
      const socket = connect({ host: url.hostname, port: Number(url.port), noDelay: true });
      const failed = await exchangeUntil(
        socket,
        measureTo,
        () => (etag && spec.revalidate ? `If-None-Match: ${etag}\r\n` : ''),
        (response) => {
          record(response.status, response.sentAt, response.bodyBytes);
          if (response.status === 200 && response.etag) etag = response.etag;
        },
      );
      if (failed) errors += 1;
    }
  }

  function exchangeUntil(
    socket: Socket,
    until: number,
    conditional: () => string,
    onResponse: (response: {
      status: number;
      sentAt: number;
      bodyBytes: number;
      etag: string | undefined;
    }) => void,
  ): Promise<boolean> {
    return new Promise((resolve, reject) => {
      let buffer: Buffer = Buffer.alloc(0);
      let sentAt = 0;
      let done = false;
      const finish = (failed: boolean) => {
        if (done) return;
        done = true;
        socket.destroy();
        resolve(failed);
      };
      const send = () => {
        sentAt = performance.now();
        socket.write(`${fixedHead}${conditional()}\r\n`);
      };
      socket.once('connect', send);
      socket.on('error', () => finish(true));
      socket.on('close', () => finish(performance.now() < until));
      socket.on('data', (chunk: Buffer) => {
        buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
        const headEnd = buffer.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        const head = buffer.subarray(0, headEnd).toString('latin1');
        const status = Number(head.slice(9, 12));
        const length = /\r\ncontent-length: *(\d+)/i.exec(head);
        if (!length && status !== 304 && status !== 204) {
          // every answer under test has a length; anything else would be miscounted, so stop loudly
          done = true;
          socket.destroy();
          reject(new Error(`load generator: response without content-length: ${head.split('\r\n')[0]}`));
          return;
        }
        const bodyBytes = length ? Number(length[1]) : 0;
        if (buffer.length < headEnd + 4 + bodyBytes) return;
        // one request in flight per socket: nothing can follow this response
        buffer = Buffer.alloc(0);
        onResponse({ status, sentAt, bodyBytes, etag: /\r\netag: *([^\r]+)/i.exec(head)?.[1] });
        if (performance.now() < until) send();
        else finish(false);
      });
    });
  }

  await Promise.all(Array.from({ length: spec.connections }, drive));
  const seconds = spec.durationMs / 1000;
  return {
    requests,
    seconds,
    requestsPerSecond: requests / seconds,
    latencyMs: {
      p50: percentile(latencies, requests, 0.5),
      p99: percentile(latencies, requests, 0.99),
      max: maxMs,
    },
    statuses,
    bytesPer200: count200 === 0 ? 0 : bytes200 / count200,
    errors,
  };
}

/** The upper edge of the bucket holding the `fraction` quantile. */
function percentile(buckets: Uint32Array, count: number, fraction: number): number {
  const rank = Math.ceil(fraction * count);
  let seen = 0;
  for (let index = 0; index < buckets.length; index++) {
    seen += buckets[index]!;
    if (seen >= rank && rank > 0) return (index + 1) * bucketMs;
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) serveWorker({ run: runLoad });
