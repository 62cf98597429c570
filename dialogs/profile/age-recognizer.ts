import { createHash } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../runtime/start-worker.js';

/**
 * Answers already read: the age prompt's validator and the next step read the same answer. Kept under a hash of
 * the day and the text, never the text itself (an answer can be a date of birth), and only the last few.
 */
const REMEMBERED = 64;

/**
 * Reads an age ("19 ans", "dix-neuf ans", "né le 3 mars 2006") in a worker thread running FrenchAgeParser:
 * Microsoft's French recognizers take seconds to warm up and up to 20 ms a parse, which off the main thread
 * neither delay the start nor hold up other conversations. The worker starts and warms at start(); a request
 * sent meanwhile waits for it.
 */
export class AgeRecognizer {
  private worker?: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (age: number | undefined) => void; reject: (error: Error) => void }>();
  private readonly remembered = new Map<string, number | undefined>();

  /** Starts the worker, which warms the recognizers in the background. */
  start(): void {
    if (this.worker) return;
    const worker = startWorker(import.meta.url, 'age-recognizer-worker', undefined);
    worker.on('message', ({ id, age, error }: { id: number; age?: number; error?: string }) => this.settle(id, error ? new Error(error) : undefined, age));
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const id of [...this.pending.keys()]) this.settle(id, error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`age recognizer stopped (exit code ${code})`)));
    // An idle worker does not keep the process alive; a request in flight does.
    worker.unref();
    this.worker = worker;
  }

  /** The age in years, or undefined when the text holds no plausible age or date of birth. */
  recognize(text: string, today: Date = new Date()): Promise<number | undefined> {
    const input = text.slice(0, 200);
    const key = createHash('sha256').update(`${today.toISOString().slice(0, 10)} ${input}`).digest('base64');
    if (this.remembered.has(key)) return Promise.resolve(this.remembered.get(key));
    this.start();
    const id = this.nextId++;
    return new Promise<number | undefined>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.ref();
      this.worker!.postMessage({ id, text: input, today: today.toISOString() });
    }).then((age) => {
      this.remembered.set(key, age);
      if (this.remembered.size > REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
      return age;
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private settle(id: number, error?: Error, age?: number): void {
    const request = this.pending.get(id);
    if (!request) return;
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
    if (error) request.reject(error);
    else request.resolve(age);
  }
}
