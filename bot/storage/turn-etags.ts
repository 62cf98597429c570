import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The eTags of the state a turn has read. botbuilder's BotState always writes with eTag "*" (last write
 * wins), which would let two turns of one conversation on two instances silently overwrite each other.
 * Inside a turn scope, SqlStorage turns that "*" into the eTag the turn read (or "must not exist yet"), so
 * a write over a change the turn never saw fails with ETagConflictError and the turn can be run again.
 */
const scope = new AsyncLocalStorage<Map<string, string | null>>();

export function withTurnETags<T>(task: () => Promise<T>): Promise<T> {
  return scope.run(new Map(), task);
}

/** Records what the turn read: the item's eTag, or null when it did not exist. */
export function rememberRead(key: string, eTag: string | null): void {
  scope.getStore()?.set(key, eTag);
}

/** The eTag a "*" write of this key must match in this turn: a string, null (create only), or undefined (no turn, or never read: last write wins). */
export function expectedETag(key: string): string | null | undefined {
  return scope.getStore()?.get(key);
}
