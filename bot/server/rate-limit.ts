import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Response } from 'restify';

/**
 * A limit of `points` per `seconds` and per key (a client address, a conversation). In memory: each instance
 * counts for itself, which bounds what one client can make any instance do.
 */
export class RateLimit {
  private readonly limiter: RateLimiterMemory;

  constructor(points: number, seconds: number) {
    this.limiter = new RateLimiterMemory({ points, duration: seconds });
  }

  /** Takes one point; when none is left, says in how many seconds to come back. */
  async take(key: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
    try {
      await this.limiter.consume(key);
      return { allowed: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      throw rejection;
    }
  }
}

/** 429 with Retry-After, so a client (or Web Chat's retry) knows when to come back. */
export function sendTooMany(res: Response, retryAfterSeconds: number, body: unknown): void {
  res.header('Retry-After', String(retryAfterSeconds));
  res.send(429, body);
}
