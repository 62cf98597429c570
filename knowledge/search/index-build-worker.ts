import { parentPort } from 'node:worker_threads';
import { buildIndexes, type IndexBuildInput } from './index-builder.js';

/** The builder thread of buildIndexesOffThread(): builds each content it is sent into its folder, one at a time, and says when done. */
parentPort!.on('message', ({ input, directory }: { input: IndexBuildInput; directory: string }) => {
  buildIndexes(input, directory, (done, total) => parentPort!.postMessage({ progress: [done, total] })).then(
    () => parentPort!.postMessage({ done: true }),
    (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
});
