import { createHash } from 'node:crypto';
import pg from 'pg';
import { errorSummary } from '../logging/error-summary.js';
import type { Logger } from '../logging/logger.js';
import { serialQueries, type SerialQuery } from './serial-queries.js';
import { holds, InProcessTurnLock, type TurnLock } from './turn-lock.js';

/** How long a turn waits for another instance to finish the same conversation's turn before going on alone. */
const DEFAULT_WAIT_MS = 30_000;

/**
 * Turns of one conversation one at a time across instances: an in-process queue first (so this instance
 * asks for a conversation's lock once at a time), then a PostgreSQL session advisory lock taken on a
 * connection of its own. Session locks are released by the server when that connection ends, so a
 * crashed instance never leaves a conversation locked. pg_try_advisory_lock with a short backoff, rather
 * than a blocking pg_advisory_lock, keeps the one connection free for the other conversations' locks.
 * If the lock cannot be had (connection lost, a turn stuck elsewhere), the turn goes on and the state's
 * eTags (SqlStorage) refuse a write over a change it has not seen.
 */
export class PostgresTurnLock implements TurnLock {
  private readonly local = new InProcessTurnLock();
  private connection?: Promise<{ client: pg.Client; query: SerialQuery }>;

  constructor(
    private readonly connectionString: string,
    /** The advisory lock class of this deployment (postgres-namespace.ts). */
    private readonly lockClass: number,
    private readonly logger: Logger,
    private readonly waitMs = DEFAULT_WAIT_MS,
  ) {}

  run<T>(conversationId: string, task: () => Promise<T>): Promise<T> {
    // Nested work of a turn already holds both locks; otherwise the local queue first, then PostgreSQL.
    if (holds(conversationId)) return task();
    return this.local.run(conversationId, async () => {
      const key = lockKey(conversationId);
      const query = await this.acquire(key, conversationId);
      try {
        return await task();
      } finally {
        if (query) await query('select pg_advisory_unlock($1, $2)', [this.lockClass, key]).catch(() => undefined);
      }
    });
  }

  drain(): Promise<void> {
    return this.local.drain();
  }

  async close(): Promise<void> {
    await this.local.close();
    const connection = this.connection;
    this.connection = undefined;
    await connection?.then(({ client }) => client.end()).catch(() => undefined);
  }

  /** The connection holding the lock, or undefined when the turn goes on without it. */
  private async acquire(key: number, conversationId: string): Promise<SerialQuery | undefined> {
    const start = Date.now();
    let delay = 5;
    for (;;) {
      try {
        const { query } = await this.client();
        const { rows } = await query<{ locked: boolean }>('select pg_try_advisory_lock($1, $2) as locked', [this.lockClass, key]);
        if (rows[0]?.locked) return query;
      } catch (error) {
        this.logger.warn({ conversationId, err: errorSummary(error) }, 'turn lock unavailable; the turn goes on, guarded by eTags');
        return undefined;
      }
      if (Date.now() - start > this.waitMs) {
        this.logger.warn({ conversationId, waitedMs: Date.now() - start }, 'turn lock still held elsewhere; the turn goes on, guarded by eTags');
        return undefined;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 100);
    }
  }

  private client(): Promise<{ client: pg.Client; query: SerialQuery }> {
    if (!this.connection) {
      const client = new pg.Client({ connectionString: this.connectionString });
      const connection = client.connect().then(() => ({ client, query: serialQueries(client) }));
      client.on('error', (error) => {
        // The server released every lock of this session; the next turn opens a new connection.
        this.logger.warn({ err: errorSummary(error) }, 'turn lock connection lost');
        if (this.connection === connection) this.connection = undefined;
      });
      connection.catch(() => {
        if (this.connection === connection) this.connection = undefined;
      });
      this.connection = connection;
    }
    return this.connection;
  }
}

/** A 32-bit key per conversation; two conversations sharing one only wait for each other now and then. */
function lockKey(conversationId: string): number {
  return createHash('sha256').update(conversationId).digest().readInt32LE(0);
}
