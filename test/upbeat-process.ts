/**
 * Test support: upbeat as a user runs it — the built bundle in a child process — and local
 * targets whose answers a test can change. Used by the end-to-end, CLI and packaging tests.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
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

/** A local HTTP target on 127.0.0.1 whose status code the test can change. */
export async function startTarget(): Promise<{
  url: string;
  status: { code: number };
  close(): Promise<void>;
}> {
  const status = { code: 200 };
  const server = createServer((_request, response) => response.writeHead(status.code).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    status,
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
  readonly url: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Sends `signal` and resolves with the exit code and how long the exit took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

/**
 * Starts upbeat on 127.0.0.1 port 0 and waits for its "listening" line: node running the bundle
 * (or `entry`), or the single executable at `command`.
 */
export async function spawnUpbeat(options: {
  env: Record<string, string>;
  entry?: string;
  command?: string;
  cwd?: string;
}): Promise<UpbeatProcess> {
  const [file, args] = options.command
    ? [options.command, []]
    : [process.execPath, [options.entry ?? bundle]];
  const child = spawn(file, args, {
    cwd: options.cwd ?? repositoryRoot,
    env: { ...inheritedEnv(), PORT: '0', HOST: '127.0.0.1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`upbeat did not start:\n${output.join('')}`)),
      startTimeoutMs,
    );
    void exited.then((code) => reject(new Error(`upbeat exited with ${code}:\n${output.join('')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(`${line}\n`);
      const entry = parseJsonLine(line);
      if (entry?.msg === 'listening' && typeof entry.url === 'string') {
        clearTimeout(timer);
        resolve(entry.url);
      }
    });
  });
  return {
    child,
    url,
    output: () => output.join(''),
    async stop(signal = 'SIGTERM') {
      const started = performance.now();
      if (child.exitCode === null) child.kill(signal);
      const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(forced);
      return { code, ms: performance.now() - started };
    },
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

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
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
