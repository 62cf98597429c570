import { createHmac } from 'node:crypto';

/**
 * A pseudonymous, stable reference for a young person: a keyed hash of the channel and channel user id.
 * Records for editors and référents carry this, never the channel id; the key stays on the server.
 */
export function userRefFactory(key: string): (channelId: string, userId: string) => string {
  return (channelId, userId) => createHmac('sha256', key).update(`${channelId}\u0000${userId}`).digest('hex').slice(0, 32);
}
