/**
 * Bench helpers that must not share a process with the driver or with upbeat (the target servers,
 * the load generator): each runs as a child process and answers calls over the IPC channel, so its
 * CPU shows up under its own pid and never as upbeat's.
 */
import { fork } from 'node:child_process';

/** The parent's handle on a worker process. */
export interface Worker {
  readonly pid: number;
  /** Runs the worker's handler `type` with `payload`; rejects if it throws, exits or exceeds `timeoutMs`. */
  call<T>(type: string, payload: object, timeoutMs: number): Promise<T>;
  /** Disconnects (the worker exits on that) and waits for the exit; kills it if it lingers. */
  stop(): Promise<void>;
}

type Reply = { ready: true } | { id: number; result?: unknown; error?: string };
type Call = { id: number; type: string; payload: object };

const readyTimeoutMs = 20_000; // tsx compiles the worker's TypeScript on start: seconds on a busy machine
const exitGraceMs = 5_000; // a worker only has to close its sockets

/** Starts `file` (TypeScript, run through tsx) as a worker and waits until it answers calls. */
export async function forkWorker(file: string): Promise<Worker> {
  const child = fork(file, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = true;
      for (const waiter of pending.values())
        waiter.reject(new Error(`bench worker ${file} exited (${signal ?? code})`));
      pending.clear();
      resolve();
    }),
  );

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`bench worker ${file} did not start in ${readyTimeoutMs} ms`)),
      readyTimeoutMs,
    );
    child.once('exit', () => reject(new Error(`bench worker ${file} exited before it was ready`)));
    child.on('message', (message: Reply) => {
      if ('ready' in message) {
        clearTimeout(timer);
        resolve();
        return;
      }
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) waiter?.reject(new Error(message.error));
      else waiter?.resolve(message.result);
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });

  return {
    pid: child.pid!,
    call<T>(type: string, payload: object, timeoutMs: number): Promise<T> {
      if (exited) return Promise.reject(new Error(`bench worker ${file} has exited`));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`bench worker ${file}: ${type} took over ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (value) => (clearTimeout(timer), resolve(value as T)),
          reject: (error) => (clearTimeout(timer), reject(error)),
        });
        child.send({ id, type, payload } satisfies Call);
      });
    },
    async stop() {
      if (exited) return;
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), exitGraceMs);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** The worker's side: answers each call with its handler's result, and exits when the parent goes away. */
export function serveWorker(handlers: Record<string, (payload: never) => unknown>): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('bench worker: started without an IPC channel (use forkWorker)');
  process.on('message', async ({ id, type, payload }: Call) => {
    const handler = handlers[type] as ((payload: object) => unknown) | undefined;
    try {
      if (!handler) throw new Error(`no handler for ${type}`);
      send({ id, result: await handler(payload) } satisfies Reply);
    } catch (error) {
      send({ id, error: error instanceof Error ? error.message : String(error) } satisfies Reply);
    }
  });
  // the driver stopped or crashed: never outlive it
  process.on('disconnect', () => process.exit(0));
  send({ ready: true } satisfies Reply);
}
