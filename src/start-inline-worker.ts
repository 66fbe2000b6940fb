import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread from code that needs no file beside the bundle: the built server carries
 * each worker's bundled code as text (`bundledSource`, set by build.mjs), which is what works inside
 * the single executable too, where no worker file can be loaded from disk. From source (tests, `node
 * --import tsx`) `bundledSource` is absent and node 20 does not apply tsx's hooks to a worker's
 * entry file, so tsx loads the TypeScript entry instead.
 */
export function startInlineWorker(options: {
  bundledSource: string | undefined;
  /** The entry's URL when running from source: `new URL('./x.ts', import.meta.url).href`. */
  sourceUrl: string;
  workerData?: unknown;
}): Worker {
  const source =
    options.bundledSource ??
    `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(options.sourceUrl)}, ${JSON.stringify(options.sourceUrl)}))`;
  return new Worker(source, { eval: true, workerData: options.workerData });
}
