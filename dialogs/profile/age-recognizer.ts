import { createHash } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../knowledge/runtime/start-worker.js';
import { plausibleAge } from './plausible-age.js';

/**
 * Answers already read: the age prompt's validator and the next step read the same answer. Kept under a hash of
 * the day and the text, never the text itself (an answer can be a date of birth), and only the last few.
 */
const REMEMBERED = 64;

/** An idle worker is stopped after this long: its recognizers hold about 120 MB that most hours do not need. */
const IDLE_MS = 10 * 60 * 1000;

/** The most common answers, "19", "19 ans", "j'ai 19 ans", read at once on the main thread (the worker reads the same). */
const PLAIN_AGE = /^\s*(?:j\s*'?\s*ai\s+)?(\d{1,3})\s*(?:ans?)?\s*[.!]?\s*$/i;

/**
 * Reads an age ("19 ans", "dix-neuf ans", "né le 3 mars 2006") in a worker thread running FrenchAgeParser:
 * Microsoft's French recognizers take seconds to warm up and up to 20 ms a parse, which off the main thread
 * neither delay the start nor hold up other conversations. The worker is started when the age is asked (it warms
 * while the young person types; a request sent meanwhile waits for it) and stopped after some idle minutes.
 */
export class AgeRecognizer {
  private worker?: Worker;
  private idleTimer?: NodeJS.Timeout;
  private nextId = 0;
  private readonly pending = new Map<number, { worker: Worker; resolve: (age: number | undefined) => void; reject: (error: Error) => void }>();
  private readonly remembered = new Map<string, number | undefined>();

  constructor(private readonly options: { idleMs?: number } = {}) {}

  /** Whether the worker is up (started, and not yet stopped for idleness). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Starts the worker, which warms the recognizers in the background (call it when the age is about to be asked). */
  start(): void {
    this.stopWhenIdle();
    if (this.worker) return;
    const worker = startWorker(import.meta.url, 'age-recognizer-worker', undefined);
    worker.on('message', ({ id, age, error }: { id: number; age?: number; error?: string }) => this.settle(id, error ? new Error(error) : undefined, age));
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      // Only this worker's requests: a worker stopped for idleness may exit after a new one took requests.
      for (const [id, request] of [...this.pending]) if (request.worker === worker) this.settle(id, error);
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
    const plain = PLAIN_AGE.exec(input)?.[1];
    if (plain) return Promise.resolve(plausibleAge(Number(plain)));
    this.start();
    const id = this.nextId++;
    return new Promise<number | undefined>((resolve, reject) => {
      this.pending.set(id, { worker: this.worker!, resolve, reject });
      this.worker!.ref();
      this.worker!.postMessage({ id, text: input, today: today.toISOString() });
    }).then((age) => {
      this.remembered.set(key, age);
      if (this.remembered.size > REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
      return age;
    });
  }

  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private settle(id: number, error?: Error, age?: number): void {
    const request = this.pending.get(id);
    if (!request) return;
    this.pending.delete(id);
    if (this.pending.size === 0) {
      this.worker?.unref();
      this.stopWhenIdle();
    }
    if (error) request.reject(error);
    else request.resolve(age);
  }

  private stopWhenIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.pending.size === 0) void this.close();
    }, this.options.idleMs ?? IDLE_MS);
    this.idleTimer.unref();
  }
}
