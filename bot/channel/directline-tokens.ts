import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  /** Conversation the token is bound to. */
  conversationId: string;
  /** Channel user id of the young person. */
  userId: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/**
 * Direct Line tokens: short-lived, bound to one conversation, signed with the channel secret.
 * The secret itself starts any conversation and never leaves the server.
 */
export class DirectLineTokens {
  constructor(
    private readonly secret: string,
    readonly ttlSeconds: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  issue(conversationId: string, userId: string): { token: string; expires_in: number } {
    const claims: TokenClaims = { conversationId, userId, exp: Math.floor(this.now() / 1000) + this.ttlSeconds };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${payload}.${this.sign(payload)}`, expires_in: this.ttlSeconds };
  }

  /** Claims of a valid, unexpired token; undefined otherwise. */
  verify(token: string): TokenClaims | undefined {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
      if (typeof claims.conversationId !== 'string' || typeof claims.userId !== 'string' || typeof claims.exp !== 'number') return undefined;
      if (claims.exp * 1000 <= this.now()) return undefined;
      return claims;
    } catch {
      return undefined;
    }
  }

  isSecret(candidate: string): boolean {
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.secret);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
