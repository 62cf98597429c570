import type { Request, Server } from 'restify';
import { checkEntryEdit, entryFile, entryFileText, fieldOfLine, type EntryEdit } from '../../knowledge/content/entry-edit.js';
import { bulkStamps } from '../../knowledge/content/check-dates.js';
import { parseEntry } from '../../knowledge/content/load-entries.js';
import { CONTENT_FOLDERS } from '../../knowledge/knowledge-base.js';
import type { ConsoleAuth } from '../console/console-auth.js';
import type { SqlFeedbackLog } from '../feedback/sql-feedback-log.js';
import { publishChecked, revertPublication, type PublisherDeps } from './content-publisher.js';
import { versionView } from './entry-versions.js';
import { EditorError, editorJsonBody as json, editorRoute } from './editor-request.js';
import { registerFileRoutes } from './editor-file-routes.js';
import { EditImpact } from './edit-impact.js';
import { asOnPhone, phonePreview } from './phone-preview.js';
import { unansweredGroups } from './unanswered-groups.js';

const BASE = '/editor/api';

export interface EditorRoutesDeps extends PublisherDeps {
  auth: ConsoleAuth;
  feedback: SqlFeedbackLog;
  /** The labelled questions (test/eval) an edit is tried on before it is published; absent in a deployment without them. */
  knownQuestionsDir?: string;
  /** Today, for the date checks (tests fix it). */
  today?: () => string;
}

/**
 * The editors' JSON API (issue 11), on the console's accounts: an editor or a coordinator reads the entries,
 * checks a draft as they type (kb:check's messages and the answer as a phone shows it), sees which known
 * questions it would answer otherwise, publishes it (written to knowledge/, then reloaded without a restart),
 * tries a question as a young person would, and sees what young people asked that the base could not answer.
 * Directory and menu files: editor-file-routes.ts.
 */
export function registerEditorApi(server: Server, deps: EditorRoutesDeps): void {
  const today = deps.today ?? (() => new Date().toISOString().slice(0, 10));
  const route = editorRoute(deps.auth, deps.logger);
  const impact = new EditImpact(deps.knowledge, deps.feedback, deps.knownQuestionsDir);
  registerFileRoutes(server, { ...deps, today, route });

  server.get(
    `${BASE}/entries`,
    route(async () => {
      const now = today();
      const soon = new Date(Date.parse(`${now}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
      const curatedEntries = deps.knowledge.entries().filter((e) => !e.file.startsWith('generated:'));
      // A date shared by more entries than a day of checks: a batch stamp, to check again one by one.
      const stamped = new Set(bulkStamps(curatedEntries).map((s) => s.date));
      const entries = curatedEntries.map((e) => ({
        id: e.id,
        title: e.title,
        theme: e.theme,
        departements: e.departements ?? [],
        file: e.file,
        verifiedOn: e.verified_on,
        reviewBy: e.review_by,
        review: e.review_by < now ? 'overdue' : e.review_by <= soon ? 'due' : 'ok',
        bulkStamp: stamped.has(e.verified_on),
      }));
      return { body: entries };
    }),
  );

  server.get(
    `${BASE}/entries/:id`,
    route(async (req) => {
      const entry = curated(String(req.params?.id ?? ''));
      const { body, file, departements: _departements, fieldLines: _lines, ...frontMatter } = entry;
      return { body: { id: entry.id, file, frontMatter, body } };
    }),
  );

  /** Where a draft goes: an existing entry stays in its file; a new one goes where its theme or scope says. */
  const fileOf = (edit: EntryEdit) => deps.knowledge.entry(String(edit.frontMatter.id ?? ''))?.file ?? entryFile(edit.frontMatter);
  const checked = (edit: EntryEdit, existingFile?: string) => checkEntryEdit(deps.knowledge.folder, CONTENT_FOLDERS, edit, today(), existingFile);

  server.put(
    `${BASE}/entries/:id`,
    json,
    route(
      async (req, signed) => {
        const id = String(req.params?.id ?? '');
        const existing = curated(id);
        const edit = editOf(req);
        if (edit.frontMatter.id !== id) throw new EditorError(400, 'bad_request', "L'identifiant d'une fiche ne change pas : crée une nouvelle fiche.");
        return publishChecked(deps, id, checked(edit, existing.file), signed, 'entry_published', false);
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
        return publishChecked(deps, String(edit.frontMatter.id), checked(edit), signed, 'entry_published', true);
      },
      { mutation: true },
    ),
  );

  /**
   * A draft checked without publishing, as the editor types: kb:check's messages, each with the form field it
   * is about, and the answer as a phone would show it (short, then "plus de détails").
   */
  server.post(
    `${BASE}/check`,
    json,
    route(async (req) => {
      const edit = editOf(req);
      const result = checked(edit, fileOf(edit));
      const entry = parseEntry(result.file, result.text).entry;
      const related = (entry?.related ?? []).map((id) => deps.knowledge.labelOf(id) ?? id);
      return {
        body: {
          file: result.file,
          issues: result.issues.map((i) => ({ line: i.line, field: fieldOfLine(result.text, i.line), severity: i.severity, message: i.message })),
          preview: entry ? { short: phonePreview(entry, false), details: phonePreview(entry, true), buttons: related } : null,
        },
      };
    }),
  );

  /**
   * The known questions (the labelled set, and what young people asked that went unanswered or got a 👎) that
   * this draft would answer otherwise than the published base. Seconds: the draft's indexes are built apart.
   */
  server.post(
    `${BASE}/impact`,
    json,
    route(async (req) => {
      const edit = editOf(req);
      const result = checked(edit, fileOf(edit));
      if (result.issues.some((i) => i.severity === 'error')) throw new EditorError(422, 'invalid', 'Corrige d’abord les erreurs de la fiche.');
      return { body: await impact.of([{ file: result.file, text: entryFileText(edit) }]) };
    }),
  );

  server.get(
    `${BASE}/entries/:id/versions`,
    route(async (req) => {
      return { body: (await deps.versions.list(String(req.params?.id ?? ''))).map(versionView) };
    }),
  );

  /** Undoes one publication of this entry (see revertPublication). */
  server.post(
    `${BASE}/entries/:id/revert`,
    json,
    route(async (req, signed) => revertPublication(deps, String(req.params?.id ?? ''), String(((req.body ?? {}) as { versionId?: unknown }).versionId ?? ''), signed, today()), { mutation: true }),
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
            html: answer.confident ? asOnPhone(answer.text) : '',
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

  function curated(id: string) {
    const entry = deps.knowledge.entry(id);
    if (!entry || entry.file.startsWith('generated:')) throw new EditorError(404, 'not_found', "Cette fiche n'existe pas.");
    return entry;
  }
}

function editOf(req: Request): EntryEdit {
  const body = (req.body ?? {}) as { frontMatter?: unknown; body?: unknown };
  if (!body.frontMatter || typeof body.frontMatter !== 'object' || Array.isArray(body.frontMatter) || typeof body.body !== 'string') {
    throw new EditorError(400, 'bad_request', 'Envoie { frontMatter: {...}, body: "..." }.');
  }
  return { frontMatter: body.frontMatter as Record<string, unknown>, body: body.body };
}
