import { expect } from 'vitest';

/** The assertion used by transcript tables: the turn's replies must match the pattern. */
export function expectReply(actual: string, pattern: RegExp, userSays: string): void {
  expect(actual, `after the young person said ${JSON.stringify(userSays)}`).toMatch(pattern);
}
