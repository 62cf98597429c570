import { createHash } from 'node:crypto';
import type { Database } from '../storage/database.js';

/**
 * What keeps two deployments on one PostgreSQL database apart (each in its own schema): the name of the
 * notification channel and the class of the advisory locks are derived from the schema the connection uses.
 */
export async function clusterNamespace(db: Database): Promise<{ channel: string; lockClass: number }> {
  const { rows } = await db.query<{ schema: string }>('select current_schema() as schema');
  const digest = createHash('sha256').update(`relais\0${rows[0]?.schema ?? 'public'}`).digest();
  return { channel: `relais_${digest.subarray(0, 8).toString('hex')}`, lockClass: digest.readInt32LE(8) };
}
