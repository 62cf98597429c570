import { parentPort, workerData } from 'node:worker_threads';
import { buildIndexes, type IndexBuildInput } from './index-builder.js';

/** Worker thread of buildIndexesOffThread(): builds the indexes into the folder it was given, then says so. */
const { input, directory } = workerData as { input: IndexBuildInput; directory: string };
buildIndexes(input, directory, (done, total) => parentPort!.postMessage({ progress: [done, total] })).then(
  () => parentPort!.postMessage({ done: true }),
  (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);
