import restify, { type Request, type Response, type Server } from 'restify';
import { checkEntryEdit, checkEntryText, writeEntryEdit, type CheckedEdit, type EntryEdit } from '../../knowledge/content/entry-edit.js';
import { CONTENT_FOLDERS, type KnowledgeBase } from '../../knowledge/knowledge-base.js';
import type { ConsoleAuth, Signed } from '../console/console-auth.js';
import { sameToken } from '../console/console-sessions.js';
import type { SqlFeedbackLog } from '../feedback/sql-feedback-log.js';
import type { AuditLog } from '../handoff/audit-log.js';
import type { Logger } from '../logging/logger.js';
import type { ClusterBus } from '../cluster/cluster-bus.js';
import type { EntryVersions } from './entry-versions.js';
import { commitPublishedFile } from './git-commit.js';
import { unansweredGroups } from './unanswered-groups.js';

const BASE = '/editor/api';

export interface EditorRoutesDeps {
  auth: ConsoleAuth;
  knowledge: KnowledgeBase;
  feedback: SqlFeedbackLog;
  audit: AuditLog;
  versions: EntryVersions;
  /** Commit each publication when the knowledge folder is in a git work tree (EDITOR_GIT_COMMITS). */
  gitCommits: boolean;
  /** Tells the other instances (publication-sync.ts follows it there). */
  bus: ClusterBus;
  logger: Logger;
  /** Today, for the date checks (tests fix it). */
  today?: () => string;
}

class EditorError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The editors' JSON API (issue 11), on the console's accounts: an editor or a coordinator reads the entries,
 * publishes a checked edit (written to knowledge/, then reloaded without a restart), tries a question as a
 * young person would, and sees what young people asked that the base could not answer.
 */
export function registerEditorApi(server: Server, deps: EditorRoutesDeps): void {
  const json = restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false });
  const today = deps.today ?? (() => new Date().toISOString().slice(0, 10));

  const route =
    (handler: (req: Request, signed: Signed) => Promise<{ status?: number; body: unknown }>, options: { mutation?: boolean } = {}) =>
    async (req: Request, res: Response) => {
      try {
        const signed = await deps.auth.signedIn(req);
        if (!signed) return fail(res, 401, 'not_logged_in', 'Ta session a expiré. Reconnecte-toi.');
        if (signed.actor.role !== 'editor' && signed.actor.role !== 'coordinator') return fail(res, 403, 'forbidden', 'Réservé aux éditeur·rices et aux coordinateur·rices.');
        if (signed.mustChangePassword) return fail(res, 403, 'password_change_required', 'Choisis d’abord ton mot de passe (dans la console).');
        if (options.mutation && !sameToken(req.header('x-csrf-token'), signed.csrfToken)) return fail(res, 403, 'csrf', 'Requête refusée (jeton de sécurité manquant). Recharge la page.');
        const result = await handler(req, signed);
        res.send(result.status ?? 200, result.body);
      } catch (error) {
        if (error instanceof EditorError) return fail(res, error.status, error.code, error.message);
        deps.logger.error({ err: error instanceof Error ? error.message : 'unknown' }, 'editor request failed');
        fail(res, 500, 'internal', 'Erreur du serveur. Réessaie dans un instant.');
      }
    };

  server.get(
    `${BASE}/entries`,
    route(async () => {
      const now = today();
      const soon = new Date(Date.parse(`${now}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
      const entries = deps.knowledge
        .entries()
        .filter((e) => !e.file.startsWith('generated:'))
        .map((e) => ({ id: e.id, title: e.title, theme: e.theme, departements: e.departements ?? [], file: e.file, verifiedOn: e.verified_on, reviewBy: e.review_by, review: e.review_by < now ? 'overdue' : e.review_by <= soon ? 'due' : 'ok' }));
      return { body: entries };
    }),
  );

  server.get(
    `${BASE}/entries/:id`,
    route(async (req) => {
      const entry = deps.knowledge.entry(String(req.params?.id ?? ''));
      if (!entry || entry.file.startsWith('generated:')) throw new EditorError(404, 'not_found', "Cette fiche n'existe pas.");
      const { body, file, departements: _departements, fieldLines: _lines, ...frontMatter } = entry;
      return { body: { id: entry.id, file, frontMatter, body } };
    }),
  );

  /**
   * Publishes a checked text: an edit with an error is refused with kb:check's messages and nothing is written;
   * otherwise the file is written, the base reloads, the version is kept and the publication audited.
   */
  const publishChecked = async (entryId: string, checked: CheckedEdit, signed: Signed, action: 'entry_published' | 'entry_reverted', created: boolean): Promise<{ status: number; body: unknown }> => {
    const issues = checked.issues.map((i) => ({ line: i.line, severity: i.severity, message: i.message }));
    if (issues.some((i) => i.severity === 'error')) return { status: 422, body: { published: false, issues } };
    const previousText = writeEntryEdit(deps.knowledge.folder, checked);
    await deps.knowledge.reloadIfChanged();
    const versionId = await deps.versions.record({ entryId, file: checked.file, text: checked.text, previousText: previousText ?? null, actorId: signed.actor.id });
    deps.bus.announce('knowledge', { versionId });
    await deps.audit.append({ actorId: signed.actor.id, action, detail: checked.file });
    // The file is published either way: a failed commit is logged and said, never a reason to refuse.
    const commit = deps.gitCommits
      ? await commitPublishedFile(deps.knowledge.folder, checked.file, signed.actor, `${action === 'entry_reverted' ? 'Revert' : 'Publish'} ${entryId} (editors' workspace)`).catch((error: unknown) => {
          deps.logger.warn({ err: error instanceof Error ? error.message.slice(0, 200) : 'unknown', file: checked.file }, 'editor publication written but not committed to git');
          return 'failed' as const;
        })
      : undefined;
    return { status: created ? 201 : 200, body: { published: true, file: checked.file, versionId, commit: commit ?? null, contentHash: deps.knowledge.contentHash.slice(0, 12), issues } };
  };
  const publish = (edit: EntryEdit, signed: Signed, existingFile?: string) =>
    publishChecked(String(edit.frontMatter.id), checkEntryEdit(deps.knowledge.folder, CONTENT_FOLDERS, edit, today(), existingFile), signed, 'entry_published', !existingFile);

  server.put(
    `${BASE}/entries/:id`,
    json,
    route(
      async (req, signed) => {
        const id = String(req.params?.id ?? '');
        const existing = deps.knowledge.entry(id);
        if (!existing || existing.file.startsWith('generated:')) throw new EditorError(404, 'not_found', "Cette fiche n'existe pas.");
        const edit = editOf(req);
        if (edit.frontMatter.id !== id) throw new EditorError(400, 'bad_request', "L'identifiant d'une fiche ne change pas : crée une nouvelle fiche.");
        return publish(edit, signed, existing.file);
      },
      { mutation: true },
    ),
  );

  server.post(
    `${BASE}/entries`,
    json,
    route(
      async (req, signed) => {
        const edit = editOf(req);
        if (deps.knowledge.entry(String(edit.frontMatter.id ?? ''))) throw new EditorError(409, 'exists', 'Une fiche porte déjà cet identifiant.');
        return publish(edit, signed);
      },
      { mutation: true },
    ),
  );

  server.get(
    `${BASE}/entries/:id/versions`,
    route(async (req) => {
      const versions = await deps.versions.list(String(req.params?.id ?? ''));
      return { body: versions.map((v) => ({ id: v.id, file: v.file, actorName: v.actorName, publishedAt: v.publishedAt, created: v.previousText === null, text: v.text, previousText: v.previousText })) };
    }),
  );

  /** Undoes one publication: the text it replaced is checked again and published as a new version. */
  server.post(
    `${BASE}/entries/:id/revert`,
    json,
    route(
      async (req, signed) => {
        const id = String(req.params?.id ?? '');
        const versionId = String(((req.body ?? {}) as { versionId?: unknown }).versionId ?? '');
        const version = await deps.versions.byId(versionId);
        if (!version || version.entryId !== id) throw new EditorError(404, 'not_found', "Cette version n'existe pas.");
        if (version.previousText === null) throw new EditorError(400, 'nothing_before', "Cette publication a créé la fiche : il n'y a pas de version d'avant.");
        return publishChecked(id, checkEntryText(deps.knowledge.folder, CONTENT_FOLDERS, version.file, version.previousText, today()), signed, 'entry_reverted', false);
      },
      { mutation: true },
    ),
  );

  server.get(`${BASE}/unanswered`, route(async () => ({ body: await unansweredGroups(deps.feedback, deps.knowledge) })));

  server.post(
    `${BASE}/ask`,
    json,
    route(
      async (req) => {
        const body = (req.body ?? {}) as { question?: unknown; departement?: unknown };
        if (typeof body.question !== 'string' || body.question.trim().length === 0 || body.question.length > 2000) throw new EditorError(400, 'bad_request', 'Écris une question (2 000 caractères au plus).');
        const departement = typeof body.departement === 'string' && /^(\d{2,3}|2A|2B)$/i.test(body.departement) ? body.departement.toUpperCase() : undefined;
        const answer = await deps.knowledge.answer(body.question, { departement });
        return {
          body: {
            answer: answer.confident ? answer.text : '',
            confident: answer.confident,
            confidence: Number(answer.confidence.toFixed(3)),
            entryId: answer.entry?.id ?? null,
            ranked: answer.results.slice(0, 10).map((r) => ({ entryId: r.entry.id, title: r.entry.title, score: Number(r.score.toFixed(3)) })),
          },
        };
      },
      // A question asked as a test changes nothing: no CSRF token needed, like a search.
    ),
  );
}

function editOf(req: Request): EntryEdit {
  const body = (req.body ?? {}) as { frontMatter?: unknown; body?: unknown };
  if (!body.frontMatter || typeof body.frontMatter !== 'object' || Array.isArray(body.frontMatter) || typeof body.body !== 'string') {
    throw new EditorError(400, 'bad_request', 'Envoie { frontMatter: {...}, body: "..." }.');
  }
  return { frontMatter: body.frontMatter as Record<string, unknown>, body: body.body };
}

function fail(res: Response, status: number, code: string, message: string): void {
  res.send(status, { error: { code, message } });
}
