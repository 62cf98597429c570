import { AsyncLocalStorage } from 'node:async_hooks';
import { TurnQueue } from '../channel/turn-queue.js';

/**
 * Runs a conversation's turns one at a time, on this instance and, where instances share a database, across
 * them. Re-entrant: a task already holding a conversation's lock (the built-in channel stores the message,
 * runs the turn and marks it done under one lock) runs nested work of the same conversation at once.
 */
export interface TurnLock {
  run<T>(conversationId: string, task: () => Promise<T>): Promise<T>;
  /** Resolves when every task queued so far has finished (a stop lets the turns in progress end). */
  drain(): Promise<void>;
  close(): Promise<void>;
}

const held = new AsyncLocalStorage<ReadonlySet<string>>();

/** True inside a task that holds this conversation's lock. */
export function holds(conversationId: string): boolean {
  return held.getStore()?.has(conversationId) ?? false;
}

/** Runs the task as the holder of the conversation's lock (for the nested calls of holds()). */
export function asHolder<T>(conversationId: string, task: () => Promise<T>): Promise<T> {
  return held.run(new Set([...(held.getStore() ?? []), conversationId]), task);
}

/** A single instance: an in-process queue per conversation is enough. */
export class InProcessTurnLock implements TurnLock {
  private readonly queue = new TurnQueue();

  run<T>(conversationId: string, task: () => Promise<T>): Promise<T> {
    if (holds(conversationId)) return task();
    return this.queue.run(conversationId, () => asHolder(conversationId, task));
  }

  drain(): Promise<void> {
    return this.queue.drain();
  }

  async close(): Promise<void> {
    await this.queue.drain();
  }
}
