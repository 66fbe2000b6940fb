import { parentPort } from 'node:worker_threads';
import { RE2JS } from 're2js';

/** One request to the pattern worker: patterns with the text each runs on. */
export interface PatternRequest {
  readonly id: number;
  readonly jobs: readonly { readonly pattern: string; readonly text: string }[];
}

/** The answer: whether each pattern found a match, in the order asked. */
export interface PatternResponse {
  readonly id: number;
  readonly matched: readonly boolean[];
}

// Compiled once per pattern; patterns come from the config, so this holds a fixed few.
const compiled = new Map<string, RE2JS>();

parentPort?.on('message', ({ id, jobs }: PatternRequest) => {
  const matched = jobs.map(({ pattern, text }) => {
    let regex = compiled.get(pattern);
    if (regex === undefined) {
      regex = RE2JS.compile(pattern);
      compiled.set(pattern, regex);
    }
    return regex.matcher(text).find();
  });
  parentPort?.postMessage({ id, matched } satisfies PatternResponse);
});
