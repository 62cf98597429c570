import { parse as parseCookies } from 'cookie';
import type { Request } from 'restify';
import type { Actor } from '../handoff/actor.js';
import type { ConsoleSessions } from './console-sessions.js';
import type { ReferentAccounts } from './referent-accounts.js';

export const SESSION_COOKIE = 'relais_console';

export interface Signed {
  actor: Actor;
  token: string;
  csrfToken: string;
  mustChangePassword: boolean;
}

/** Who is signed in on a console request: the session cookie, its (active) account. */
export class ConsoleAuth {
  constructor(
    readonly sessions: ConsoleSessions,
    private readonly accounts: ReferentAccounts,
  ) {}

  async signedIn(req: Request): Promise<Signed | undefined> {
    const token = parseCookies(req.header('cookie') ?? '')[SESSION_COOKIE];
    const session = await this.sessions.resume(token);
    if (!session || !token) return undefined;
    const account = await this.accounts.actor(session.referentId);
    return account ? { ...account, token, csrfToken: session.csrfToken } : undefined;
  }
}
