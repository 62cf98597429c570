import { errorSummary } from '../logging/error-summary.js';
import type { Logger } from '../logging/logger.js';
import type { Database } from '../storage/database.js';

/** Every table that can hold a young person's words or what identifies them. */
const PERSONAL_TABLES = ['dl_activities', 'bot_state', 'transcript_messages', 'conversation_refs', 'feedback', 'cases', 'case_notes'];
/** Erasures close together share one scrub (it rewrites the tables). */
const DEBOUNCE_MS = 2_000;

/**
 * Makes deleted rows leave the disk, not only the tables. PostgreSQL keeps a deleted row's bytes in its
 * table file until the page is reused, and in the write-ahead log until the segment is removed. After an
 * erasure (or a retention purge), this rewrites the personal tables (VACUUM FULL: new files, old ones
 * deleted), checkpoints, and switches to a new WAL segment so that the one holding the text is no longer
 * needed, then checkpoints again so it is removed. Removed rather than recycled under another name needs
 * wal_recycle = off, which PgliteDatabase sets itself; a PostgreSQL server's operator sets it (and grants
 * pg_checkpoint and pg_switch_wal to Relais's role). WAL archives and replicas are outside its reach.
 */
export class DiskScrub {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();
  private warned = false;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly debounceMs = DEBOUNCE_MS,
  ) {}

  /** Asks for a scrub soon; several requests close together give one. */
  request(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.running.then(() => this.scrub());
    }, this.debounceMs);
    // A stop runs a waiting scrub itself (flush); the timer alone must not keep the process alive.
    this.timer.unref();
  }

  /** Runs a requested scrub now instead of at the end of the delay (before stopping). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.running = this.running.then(() => this.scrub());
    }
    await this.running;
  }

  private async scrub(): Promise<void> {
    const begin = Date.now();
    try {
      // VACUUM cannot run inside a transaction: each statement on its own.
      await this.db.exec(`vacuum (full) ${PERSONAL_TABLES.join(', ')}`);
      await this.db.exec('checkpoint');
      await this.db.query('select pg_switch_wal()');
      await this.db.exec('checkpoint');
      this.logger.info({ ms: Date.now() - begin }, 'deleted personal data scrubbed from disk');
    } catch (error) {
      // A server role without the rights: the rows are deleted, their bytes wait for PostgreSQL's own reuse.
      if (!this.warned) this.logger.warn({ err: errorSummary(error) }, 'disk scrub after erasure failed; grant pg_checkpoint and EXECUTE on pg_switch_wal');
      this.warned = true;
    }
  }
}
