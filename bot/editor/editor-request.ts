import restify, { type Request, type Response } from 'restify';
import type { ConsoleAuth, Signed } from '../console/console-auth.js';
import { sameToken } from '../console/console-sessions.js';
import type { Logger } from '../logging/logger.js';

/** A refusal the editor reads: its status, a code for tools, a French message for people. */
export class EditorError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type EditorHandler = (req: Request, signed: Signed) => Promise<{ status?: number; body: unknown }>;

/** JSON bodies of the editors' API: an entry or a directory file is a few kilobytes. */
export const editorJsonBody = restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false });

/**
 * Wraps a handler of the editors' API: signed in with the console's session, an editor or a coordinator, the
 * password already chosen, and for a change the CSRF token; errors become `{ error: { code, message } }`.
 */
export function editorRoute(auth: ConsoleAuth, logger: Logger) {
  return (handler: EditorHandler, options: { mutation?: boolean } = {}) =>
    async (req: Request, res: Response) => {
      try {
        const signed = await auth.signedIn(req);
        if (!signed) return fail(res, 401, 'not_logged_in', 'Ta session a expiré. Reconnecte-toi.');
        if (signed.actor.role !== 'editor' && signed.actor.role !== 'coordinator') return fail(res, 403, 'forbidden', 'Réservé aux éditeur·rices et aux coordinateur·rices.');
        if (signed.mustChangePassword) return fail(res, 403, 'password_change_required', 'Choisis d’abord ton mot de passe (dans la console).');
        if (options.mutation && !sameToken(req.header('x-csrf-token'), signed.csrfToken)) return fail(res, 403, 'csrf', 'Requête refusée (jeton de sécurité manquant). Recharge la page.');
        const result = await handler(req, signed);
        res.send(result.status ?? 200, result.body);
      } catch (error) {
        if (error instanceof EditorError) return fail(res, error.status, error.code, error.message);
        logger.error({ err: error instanceof Error ? error.message : 'unknown' }, 'editor request failed');
        fail(res, 500, 'internal', 'Erreur du serveur. Réessaie dans un instant.');
      }
    };
}

function fail(res: Response, status: number, code: string, message: string): void {
  res.send(status, { error: { code, message } });
}
