import type { Database } from '../storage/database.js';

/** A platform retries a webhook it thinks failed, and a replay may come from anyone: a week of ids is enough to tell. */
const KEPT_DAYS = 7;
/** A claim left unfinished this long was cut by a crash (a turn takes seconds at most): the update may be taken again. */
const STALE_CLAIM_SECONDS = 60;

/**
 * The updates each platform delivered, across instances: an update is claimed before its turn and marked done
 * after, so a retry or a replay of it is not answered twice, and one whose turn failed or was cut by a crash is
 * answered when the platform delivers it again (both platforms retry until they get a 200).
 */
export class UpdateLog {
  private lastPurge = 0;

  constructor(private readonly db: Database) {}

  /** True when this instance may answer the update now: first seen, released after a failure, or left by a crash. */
  async claim(channel: string, updateId: string): Promise<boolean> {
    if (Date.now() - this.lastPurge > 3_600_000) {
      this.lastPurge = Date.now();
      await this.db.query(`delete from messaging_updates where received_at < now() - interval '${KEPT_DAYS} days'`);
    }
    const { rows } = await this.db.query(
      `insert into messaging_updates(channel, update_id) values ($1, $2)
       on conflict (channel, update_id) do update set claimed_at = now()
         where not messaging_updates.done and messaging_updates.claimed_at < now() - interval '${STALE_CLAIM_SECONDS} seconds'
       returning update_id`,
      [channel, updateId],
    );
    return rows.length === 1;
  }

  async done(channel: string, updateId: string): Promise<void> {
    await this.db.query('update messaging_updates set done = true where channel = $1 and update_id = $2', [channel, updateId]);
  }

  /** The turn failed before the young person was answered: the platform's next delivery of it is taken at once. */
  async release(channel: string, updateId: string): Promise<void> {
    await this.db.query('delete from messaging_updates where channel = $1 and update_id = $2 and not done', [channel, updateId]);
  }
}
