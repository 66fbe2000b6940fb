/**
 * upbeat as the user runs it: `node dist/upbeat.mjs` in its own process, configured by a YAML file
 * and the environment, found through its `listening` log line.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A running upbeat process. */
export interface UpbeatProcess {
  readonly pid: number;
  readonly url: string;
  /** Epoch ms of the `listening` line, logged right after the scheduler started. */
  readonly startedAt: number;
  /** GET a path (e.g. `/metrics`) and return the body; throws on a non-200. */
  fetchText(path: string): Promise<string>;
  /** SIGTERM, then wait for the exit (SIGKILL past the deadline); resolves to the exit code. */
  stop(): Promise<number | null>;
  /** The last log lines, for error messages. */
  logTail(): string[];
  /** Undefined while upbeat runs; once it has exited, how, with its last log lines. */
  describeExit(): string | undefined;
}

const bundle = fileURLToPath(new URL('../dist/upbeat.mjs', import.meta.url));
const keptLogLines = 20; // enough to see why a start failed
const stopDeadlineMs = 10_000; // upbeat promises to stop within 5 s of SIGTERM
const fetchTimeoutMs = 30_000; // /metrics with 20,000 targets, behind a queue of API requests

/** Starts upbeat with `configFile` and `dataDir`; `nodeArgs` go before the bundle (e.g. `--cpu-prof`). */
export async function startUpbeatProcess(options: {
  configFile: string;
  dataDir: string;
  nodeArgs?: readonly string[];
  startTimeoutMs: number;
}): Promise<UpbeatProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), bundle], {
    env: {
      ...process.env,
      UPBEAT_CONFIG: options.configFile,
      UPBEAT_DATA_DIR: options.dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
    },
    // stdout is a pipe, so upbeat logs JSON lines; it is read to the end so upbeat never blocks on it
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const keep = (line: string) => {
    tail.push(line);
    if (tail.length > keptLogLines) tail.shift();
  };
  createInterface({ input: child.stderr! }).on('line', keep);
  // if the driver dies (an error, Ctrl-C), upbeat must not live on unattended
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.removeListener('exit', killOnExit);
      resolve(code);
    }),
  );

  const listening = await new Promise<{ url: string; startedAt: number }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`upbeat did not start in ${options.startTimeoutMs} ms`)),
      options.startTimeoutMs,
    );
    void exited.then((code) =>
      reject(new Error(`upbeat exited with ${code} before listening:\n${tail.join('\n')}`)),
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      keep(line);
      const entry = parseLogLine(line);
      if (entry?.msg !== 'listening') return;
      clearTimeout(timer);
      resolve({ url: String(entry.url), startedAt: Date.parse(String(entry.time)) });
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited;
    throw error;
  });

  let stopRequested = false;
  const describeExit = () => {
    if (child.exitCode === null && child.signalCode === null) return undefined;
    // the bench only signals upbeat in stop(); a "stopping" line before that came from elsewhere
    const stoppedFromOutside = !stopRequested && tail.some((line) => line.includes('"msg":"stopping"'));
    const how = stoppedFromOutside
      ? ', stopped by a signal the bench did not send (another job on this machine?)'
      : '';
    return `upbeat exited (${child.signalCode ?? child.exitCode}${how}) while running:\n${tail.join('\n')}`;
  };

  return {
    pid: child.pid!,
    ...listening,
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
    async stop() {
      stopRequested = true;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), stopDeadlineMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    logTail: () => [...tail],
    describeExit,
  };
}

function parseLogLine(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
