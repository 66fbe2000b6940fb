/**
 * Test support: upbeat as a user runs it — the built bundle in a child process — and local
 * targets whose answers a test can change. Used by the end-to-end, CLI and packaging tests, and by
 * the benchmark's testbed.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(repositoryRoot, 'dist', 'upbeat.mjs');
/** The single executable `npm run build` writes: node, server, page and SQLite addon in one file. */
export const executable = join(repositoryRoot, 'dist', 'upbeat');
// generous: a process start on a busy shared machine
const startTimeoutMs = 20_000;
const keptLogLines = 50; // in error messages: enough to see why a start or a stop failed
const stopDeadlineMs = 10_000; // upbeat promises to stop within 5 s of SIGTERM
const fetchTimeoutMs = 30_000; // /metrics with 20,000 targets, behind a queue of API requests

/** Writes a config file as editors save it (a new file renamed over the old), for the reload tests. */
export function writeConfigFile(file: string, body: string): void {
  writeFileSync(`${file}.tmp`, body);
  renameSync(`${file}.tmp`, file);
}

/** A local HTTP target on 127.0.0.1 whose status code the test can change; it notes when each request came. */
export async function startTarget(): Promise<{
  url: string;
  status: { code: number };
  /** Epoch ms of each request, in order. */
  arrivals: number[];
  close(): Promise<void>;
}> {
  const status = { code: 200 };
  const arrivals: number[] = [];
  const server = createServer((_request, response) => {
    arrivals.push(Date.now());
    response.writeHead(status.code).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    status,
    arrivals,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on (bound, then released): a refused target or QuestDB. */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A running upbeat child process. */
export interface UpbeatProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly url: string;
  /** Epoch ms of the `listening` line, logged right after the scheduler started. */
  readonly startedAt: number;
  /** performance.now() in this process when the child was spawned (start-up time is measured from it). */
  readonly spawnedAt: number;
  /** Everything it printed so far (stdout and stderr lines). */
  output(): string;
  /** GET a path (e.g. `/metrics`) and return the body; throws on a non-200. */
  fetchText(path: string): Promise<string>;
  /** Sends `signal` (SIGKILL past 10 s) and resolves with the exit code and how long the exit took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
  /** Undefined while upbeat runs; once it has exited, how, with its last log lines. */
  describeExit(): string | undefined;
}

/**
 * Starts upbeat on 127.0.0.1 port 0 and waits for its "listening" line: node running the bundle
 * (or `entry`), or the single executable at `command`. `nodeArgs` go before the bundle (e.g.
 * `--cpu-prof`).
 */
export async function spawnUpbeat(options: {
  env: Record<string, string>;
  entry?: string;
  command?: string;
  cwd?: string;
  nodeArgs?: readonly string[];
  startTimeoutMs?: number;
}): Promise<UpbeatProcess> {
  const startTimeout = options.startTimeoutMs ?? startTimeoutMs;
  const [file, args] = options.command
    ? [options.command, []]
    : [process.execPath, [...(options.nodeArgs ?? []), options.entry ?? bundle]];
  const spawnedAt = performance.now();
  const child = spawn(file, args, {
    cwd: options.cwd ?? repositoryRoot,
    env: { ...inheritedEnv(), PORT: '0', HOST: '127.0.0.1', ...options.env },
    // stdout is a pipe, so upbeat logs JSON lines; both are read to the end so upbeat never blocks
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (line: string) => void lines.push(line);
  createInterface({ input: child.stderr! }).on('line', keep);
  // if the test or bench dies (an error, Ctrl-C), upbeat must not live on unattended
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.removeListener('exit', killOnExit);
      resolve(code);
    }),
  );
  const logTail = () => lines.slice(-keptLogLines).join('\n');

  const listening = await new Promise<{ url: string; startedAt: number }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`upbeat did not start in ${startTimeout} ms:\n${logTail()}`)),
      startTimeout,
    );
    void exited.then((code) =>
      reject(new Error(`upbeat exited with ${code} before listening:\n${logTail()}`)),
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      keep(line);
      const entry = parseJsonLine(line);
      if (entry?.msg !== 'listening' || typeof entry.url !== 'string') return;
      clearTimeout(timer);
      resolve({ url: entry.url, startedAt: Date.parse(String(entry.time)) });
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited;
    throw error;
  });

  let stopRequested = false;
  const describeExit = () => {
    if (child.exitCode === null && child.signalCode === null) return undefined;
    // only stop() signals upbeat; a "stopping" line before that came from elsewhere
    const stoppedFromOutside = !stopRequested && lines.some((line) => line.includes('"msg":"stopping"'));
    const how = stoppedFromOutside
      ? ', stopped by a signal nobody here sent (another job on this machine?)'
      : '';
    return `upbeat exited (${child.signalCode ?? child.exitCode}${how}) while running:\n${logTail()}`;
  };

  return {
    child,
    pid: child.pid!,
    spawnedAt,
    ...listening,
    output: () => lines.map((line) => `${line}\n`).join(''),
    async fetchText(path) {
      const response = await fetch(`${listening.url}${path}`, {
        signal: AbortSignal.timeout(fetchTimeoutMs),
      }).catch((error: unknown) => {
        const exit = describeExit();
        throw exit ? new Error(exit) : error;
      });
      const body = await response.text();
      if (response.status !== 200)
        throw new Error(`upbeat ${path}: HTTP ${response.status}: ${body.slice(0, 200)}`);
      return body;
    },
    async stop(signal = 'SIGTERM') {
      stopRequested = true;
      const started = performance.now();
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const forced = setTimeout(() => child.kill('SIGKILL'), stopDeadlineMs);
      const code = await exited;
      clearTimeout(forced);
      return { code, ms: performance.now() - started };
    },
    describeExit,
  };
}

/** Runs the bundle (or the single executable at `command`) to completion: flags and config errors. */
export function runUpbeat(
  args: string[],
  env: Record<string, string>,
  command?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      command ?? process.execPath,
      command ? args : [bundle, ...args],
      { env: { ...inheritedEnv(), ...env }, timeout: startTimeoutMs },
      (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

/** This environment without UPBEAT_* and PORT/HOST: the machine's own settings must not leak into a test. */
function inheritedEnv(): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('UPBEAT_') && name !== 'PORT' && name !== 'HOST',
    ),
  );
}

function parseJsonLine(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
