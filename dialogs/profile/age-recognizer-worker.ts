import { parentPort } from 'node:worker_threads';
import { FrenchAgeParser } from './french-age-parser.js';

/** Worker thread of AgeRecognizer: warms the French recognizers once, then answers one request at a time. */
const parser = new FrenchAgeParser();
parser.warm();
parentPort!.on('message', ({ id, text, today }: { id: number; text: string; today: string }) => {
  try {
    parentPort!.postMessage({ id, age: parser.recognize(text, new Date(today)) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
