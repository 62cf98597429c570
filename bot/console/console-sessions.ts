import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from '../storage/database.js';

/**
 * Console sessions: a random token in an httpOnly cookie (only its hash is stored), a CSRF token
 * per session, and an idle timeout: a session unused for idleMinutes is gone.
 */
export class ConsoleSessions {
  constructor(
    private readonly db: Pick<Database, 'query'>,
    private readonly idleMinutes: number,
  ) {}

  async create(referentId: string): Promise<{ token: string; csrfToken: string }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await this.db.query('delete from console_sessions where last_seen_at < now() - make_interval(mins => $1)', [this.idleMinutes]);
    await this.db.query('insert into console_sessions(token_hash, referent_id, csrf_token) values ($1, $2, $3)', [hash(token), referentId, csrfToken]);
    return { token, csrfToken };
  }

  /** The session of a cookie token, touched (its idle time starts again), or undefined when unknown or idle too long. */
  async resume(token: string | undefined): Promise<{ referentId: string; csrfToken: string } | undefined> {
    if (!token || token.length > 100) return undefined;
    const { rows } = await this.db.query<{ referent_id: string; csrf_token: string }>(
      `update console_sessions set last_seen_at = now()
        where token_hash = $1 and last_seen_at >= now() - make_interval(mins => $2)
        returning referent_id::text as referent_id, csrf_token`,
      [hash(token), this.idleMinutes],
    );
    return rows[0] ? { referentId: rows[0].referent_id, csrfToken: rows[0].csrf_token } : undefined;
  }

  /** True while the session exists and is not idle, without touching it (a live stream is not activity). */
  async alive(token: string): Promise<boolean> {
    const { rows } = await this.db.query('select 1 from console_sessions where token_hash = $1 and last_seen_at >= now() - make_interval(mins => $2)', [hash(token), this.idleMinutes]);
    return rows.length > 0;
  }

  async end(token: string | undefined): Promise<void> {
    if (token) await this.db.query('delete from console_sessions where token_hash = $1', [hash(token)]);
  }
}

/** Compares a CSRF token in constant time. */
export function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
