import { parentPort, workerData } from 'node:worker_threads';
import { outOfFoldScores, prepareSamples, serializeModel, trainFinal, type TrainingJob } from './crisis-classifier.js';
import { trainingSamples } from './crisis-model-store.js';

/**
 * Worker thread of trainCrisisModelInBackground(): runs its share of the training jobs on the samples, and
 * sends back the out-of-fold scores and, when it had the final job, the model (without its threshold) as bytes.
 */
const { corporaDir, jobs } = workerData as { corporaDir: string; jobs: TrainingJob[] };
const prepared = prepareSamples(trainingSamples(corporaDir));
const scores: number[] = [];
let model: Uint8Array<ArrayBuffer> | undefined;
for (const job of jobs) {
  if (job === 'final') model = new Uint8Array(serializeModel(trainFinal(prepared)));
  else scores.push(...outOfFoldScores(prepared, job.fold));
}
parentPort!.postMessage({ scores, model, samples: prepared.samples.length }, model ? [model.buffer] : []);
