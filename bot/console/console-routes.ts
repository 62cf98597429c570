import { serialize as serializeCookie } from 'cookie';
import { RateLimit } from '../server/rate-limit.js';
import type { ClientAddress } from '../server/client-address.js';
import restify, { type Request, type Response, type Server } from 'restify';
import type { AuditLog } from '../handoff/audit-log.js';
import { HandoffError, type HandoffDesk } from '../handoff/handoff-desk.js';
import type { HandoffTargets } from '../handoff/reply-expectation.js';
import type { ReferentDirectory } from '../handoff/referent-directory.js';
import type { Logger } from '../logging/logger.js';
import { SESSION_COOKIE, type ConsoleAuth, type Signed } from './console-auth.js';
import { sameToken } from './console-sessions.js';
import { AccountError, type ReferentAccounts } from './referent-accounts.js';

const BASE = '/console/api';

export interface ConsoleRoutesDeps {
  desk: HandoffDesk;
  accounts: ReferentAccounts;
  auth: ConsoleAuth;
  referents: ReferentDirectory;
  audit: AuditLog;
  targets: HandoffTargets;
  secureCookies: boolean;
  loginRatePerMinute: number;
  /** Who is asking, for the login limit (TRUSTED_PROXIES decides whether X-Forwarded-For is believed). */
  clientAddress: ClientAddress;
  logger: Logger;
}

type Handler = (req: Request, signed: Signed) => Promise<{ status?: number; body?: unknown } | void>;

/** The référent console's JSON API (docs/console-api.md): thin routes over HandoffDesk and the accounts. */
export function registerConsoleApi(server: Server, deps: ConsoleRoutesDeps): void {
  const json = restify.plugins.bodyParser({ maxBodySize: 64 * 1024, mapParams: false });
  const loginLimit = new RateLimit(deps.loginRatePerMinute, 60);

  /** Session, CSRF and password-change checks, then the handler; errors become short JSON answers. */
  const route =
    (handler: Handler, options: { mutation?: boolean; coordinator?: boolean; beforePasswordChange?: boolean } = {}) =>
    async (req: Request, res: Response) => {
      try {
        const signed = await deps.auth.signedIn(req);
        if (!signed) return fail(res, 401, 'not_logged_in', 'Ta session a expiré. Reconnecte-toi.');
        if (options.mutation && !sameToken(req.header('x-csrf-token'), signed.csrfToken)) return fail(res, 403, 'csrf', 'Requête refusée (jeton de sécurité manquant). Recharge la page.');
        if (signed.mustChangePassword && !options.beforePasswordChange) return fail(res, 403, 'password_change_required', 'Choisis d’abord ton mot de passe.');
        if (options.coordinator && signed.actor.role !== 'coordinator') return fail(res, 403, 'forbidden', 'Réservé aux coordinateur·rices.');
        const result = await handler(req, signed);
        if (!result || result.body === undefined) {
          res.send(result?.status ?? 204);
          return;
        }
        res.send(result.status ?? 200, result.body);
      } catch (error) {
        handleError(res, error, deps.logger);
      }
    };

  server.post(`${BASE}/login`, json, async (req: Request, res: Response) => {
    try {
      const taken = await loginLimit.take(deps.clientAddress(req));
      if (!taken.allowed) {
        res.header('Retry-After', String(taken.retryAfterSeconds));
        return fail(res, 429, 'rate_limited', 'Trop de tentatives. Attends une minute avant de réessayer.');
      }
      const body = (req.body ?? {}) as { email?: unknown; password?: unknown };
      if (typeof body.email !== 'string' || typeof body.password !== 'string' || body.password.length > 200) return fail(res, 400, 'bad_request', 'Email et mot de passe requis.');
      const result = await deps.accounts.login(body.email, body.password);
      if (!result.ok) {
        await deps.audit.append({ actorId: null, action: 'login_failed', detail: result.reason });
        if (result.reason === 'locked') {
          res.header('Retry-After', String(result.retryAfterSeconds));
          res.send(423, { error: { code: 'locked', message: `Compte bloqué après trop d’essais. Réessaie dans ${Math.ceil(result.retryAfterSeconds / 60)} min.`, retryAfterSeconds: result.retryAfterSeconds } });
          return;
        }
        return fail(res, 401, 'invalid_credentials', 'Email ou mot de passe incorrect.');
      }
      const session = await deps.auth.sessions.create(result.actor.id);
      await deps.audit.append({ actorId: result.actor.id, action: 'login' });
      res.header('Set-Cookie', sessionCookie(session.token, deps.secureCookies));
      res.send(200, { csrfToken: session.csrfToken, me: result.actor, mustChangePassword: result.mustChangePassword, targets: deps.targets });
    } catch (error) {
      handleError(res, error, deps.logger);
    }
  });

  server.post(
    `${BASE}/logout`,
    route(
      async (_req, signed) => {
        await deps.auth.sessions.end(signed.token);
        await deps.audit.append({ actorId: signed.actor.id, action: 'logout' });
      },
      { mutation: true, beforePasswordChange: true },
    ),
  );
  server.get(
    `${BASE}/me`,
    route(async (_req, s) => ({ body: { csrfToken: s.csrfToken, me: s.actor, mustChangePassword: s.mustChangePassword, targets: deps.targets } }), { beforePasswordChange: true }),
  );
  server.post(
    `${BASE}/password`,
    json,
    route(
      async (req, signed) => {
        const body = (req.body ?? {}) as { current?: unknown; next?: unknown };
        if (typeof body.current !== 'string' || typeof body.next !== 'string') throw new HandoffError(400, 'bad_request', 'Ancien et nouveau mot de passe requis.');
        const changed = await deps.accounts.changePassword(signed.actor.id, body.current, body.next);
        if (!changed) throw new HandoffError(401, 'invalid_credentials', 'Mot de passe actuel incorrect.');
        await deps.audit.append({ actorId: signed.actor.id, action: 'password' });
      },
      { mutation: true, beforePasswordChange: true },
    ),
  );

  server.get(
    `${BASE}/cases`,
    route(async (req, { actor }) => ({ body: await deps.desk.list(actor, { status: queryString(req, 'status'), departement: queryString(req, 'departement')?.toUpperCase() }) })),
  );
  server.get(`${BASE}/cases/:id`, route(async (req, { actor }) => ({ body: await deps.desk.view(actor, caseId(req)) })));
  server.post(`${BASE}/cases/:id/take`, route(async (req, { actor }) => ({ body: await deps.desk.take(actor, caseId(req)) }), { mutation: true }));
  server.post(
    `${BASE}/cases/:id/messages`,
    json,
    route(async (req, { actor }) => ({ status: 201, body: await deps.desk.reply(actor, caseId(req), textField(req, 'text', 2000)) }), { mutation: true }),
  );
  server.post(`${BASE}/cases/:id/typing`, route(async (req, { actor }) => void (await deps.desk.typing(actor, caseId(req))), { mutation: true }));
  server.post(
    `${BASE}/cases/:id/notes`,
    json,
    route(async (req, { actor }) => ({ status: 201, body: await deps.desk.addNote(actor, caseId(req), textField(req, 'text', 4000)) }), { mutation: true }),
  );
  server.post(`${BASE}/cases/:id/hand-back`, route(async (req, { actor }) => ({ body: await deps.desk.handBack(actor, caseId(req)) }), { mutation: true }));
  server.post(
    `${BASE}/cases/:id/close`,
    json,
    route(async (req, { actor }) => ({ body: await deps.desk.close(actor, caseId(req), textField(req, 'outcome', 500)) }), { mutation: true }),
  );
  server.post(
    `${BASE}/cases/:id/assign`,
    json,
    route(async (req, { actor }) => ({ body: await deps.desk.assign(actor, caseId(req), textField(req, 'referentId', 20)) }), { mutation: true, coordinator: true }),
  );
  server.get(`${BASE}/referents`, route(async () => ({ body: await deps.referents.list() }), { coordinator: true }));
  server.get(
    `${BASE}/audit`,
    route(async (req) => ({ body: await deps.audit.recent(Math.min(1000, Math.max(1, Number.parseInt(queryString(req, 'limit') ?? '200', 10) || 200))) }), { coordinator: true }),
  );
}

/** One sign-in for the console and the editors' workspace (/editor): the cookie is sent to both. */
export function sessionCookie(token: string, secure: boolean): string {
  return serializeCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}

function fail(res: Response, status: number, code: string, message: string): void {
  res.send(status, { error: { code, message } });
}

function handleError(res: Response, error: unknown, logger: Logger): void {
  if (error instanceof HandoffError) return fail(res, error.status, error.code, error.message);
  if (error instanceof AccountError) return fail(res, 400, 'weak_password', error.message);
  logger.error({ err: error instanceof Error ? error.message : 'unknown' }, 'console request failed');
  fail(res, 500, 'internal', 'Erreur du serveur. Réessaie dans un instant.');
}

function caseId(req: Request): string {
  const id = String(req.params?.id ?? '');
  if (!/^\d{1,18}$/.test(id)) throw new HandoffError(404, 'not_found', "Cette demande n'existe pas.");
  return id;
}

function queryString(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value.length > 0 && value.length <= 40 ? value : undefined;
}

function textField(req: Request, name: string, max: number): string {
  const value = ((req.body ?? {}) as Record<string, unknown>)[name];
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  if (text.length === 0 || text.length > max) throw new HandoffError(400, 'bad_request', `Le champ « ${name} » doit faire entre 1 et ${max} caractères.`);
  return text;
}
