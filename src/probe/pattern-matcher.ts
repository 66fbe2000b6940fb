import type { Worker } from 'node:worker_threads';
import { startInlineWorker } from '../start-inline-worker.ts';
import type { PatternOutcome } from './observation.ts';
import type { PatternRequest, PatternResponse } from './regex-worker.ts';

/** Runs RE2 patterns on response text in a worker thread, so matching never delays a probe. */
export interface PatternMatcher {
  match(jobs: PatternRequest['jobs'], timeLimitMs: number): Promise<PatternOutcome[]>;
}

/**
 * Creates the matcher: one worker, one request at a time in order. RE2 is linear in the text, but
 * its constant can still reach hundreds of ms on 64 KiB for a large pattern, which is why it runs
 * off the main thread; a request that outlives its time limit gets `timeout` for every pattern,
 * and the worker is replaced so the next request starts fresh.
 */
export function createPatternMatcher(startWorker: () => Worker = startRegexWorker): PatternMatcher {
  let worker: Worker | undefined;
  let nextId = 0;
  let queue: Promise<unknown> = Promise.resolve();

  function run(jobs: PatternRequest['jobs'], deadline: number): Promise<PatternOutcome[]> {
    const timeLeftMs = deadline - performance.now();
    if (timeLeftMs <= 0) return Promise.resolve(jobs.map(() => 'timeout'));
    const current = (worker ??= startWorker());
    const id = (nextId += 1);
    return new Promise((resolve) => {
      const settle = (outcomes: PatternOutcome[]) => {
        clearTimeout(timer);
        current.off('message', onMessage);
        current.off('error', onFailure);
        resolve(outcomes);
      };
      const onMessage = (response: PatternResponse) => {
        if (response.id === id) settle([...response.matched]);
      };
      const onFailure = () => {
        if (worker === current) worker = undefined;
        void current.terminate();
        settle(jobs.map(() => 'timeout'));
      };
      const timer = setTimeout(onFailure, timeLeftMs);
      current.on('message', onMessage);
      current.on('error', onFailure);
      current.postMessage({ id, jobs } satisfies PatternRequest);
    });
  }

  return {
    match(jobs, timeLimitMs) {
      if (jobs.length === 0) return Promise.resolve([]);
      // The limit counts from now, queueing included, so a probe never waits past its own deadline.
      const deadline = performance.now() + timeLimitMs;
      const result = queue.then(() => run(jobs, deadline));
      queue = result;
      return result;
    },
  };
}

/** Set by build.mjs to the bundled regex-worker.ts; absent when running from source. */
declare const UPBEAT_REGEX_WORKER_SOURCE: string | undefined;

function startRegexWorker(): Worker {
  const worker = startInlineWorker({
    bundledSource: typeof UPBEAT_REGEX_WORKER_SOURCE === 'string' ? UPBEAT_REGEX_WORKER_SOURCE : undefined,
    sourceUrl: new URL('./regex-worker.ts', import.meta.url).href,
  });
  worker.unref(); // an idle matcher never keeps the process alive
  return worker;
}
