import { parentPort, workerData } from 'node:worker_threads';
import { serializeModel } from './crisis-classifier.js';
import { loadOrTrainCrisisModel } from './crisis-model-store.js';

/** Worker thread of trainCrisisModelInBackground(): trains and stores the model, then sends it back as bytes. */
const { indexDir, corporaDir } = workerData as { indexDir: string; corporaDir?: string };
let trained = { samples: 0, ms: 0 };
const model = loadOrTrainCrisisModel(indexDir, { corporaDir, log: (_message, data) => (trained = { samples: Number(data?.samples ?? 0), ms: Number(data?.ms ?? 0) }) });
const bytes = new Uint8Array(serializeModel(model));
parentPort!.postMessage({ model: bytes, ...trained }, [bytes.buffer]);
