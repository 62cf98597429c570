import type { Database } from '../storage/database.js';

/** A platform retries a webhook it thinks failed, and a replay may come from anyone: a week of ids is enough to tell. */
const KEPT_DAYS = 7;

/** The updates each platform already delivered: the same update id is processed once, across instances. */
export class UpdateLog {
  private lastPurge = 0;

  constructor(private readonly db: Database) {}

  /** True the first time an update id is seen on this channel; false for a retry or a replay. */
  async firstTime(channel: string, updateId: string): Promise<boolean> {
    if (Date.now() - this.lastPurge > 3_600_000) {
      this.lastPurge = Date.now();
      await this.db.query(`delete from messaging_updates where received_at < now() - interval '${KEPT_DAYS} days'`);
    }
    const { rows } = await this.db.query('insert into messaging_updates(channel, update_id) values ($1, $2) on conflict do nothing returning update_id', [channel, updateId]);
    return rows.length === 1;
  }
}
