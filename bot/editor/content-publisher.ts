import type { CheckedEdit } from '../../knowledge/content/entry-edit.js';
import { checkContentFile, writeCheckedFile } from '../../knowledge/content/content-file.js';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import type { ClusterBus } from '../cluster/cluster-bus.js';
import type { Signed } from '../console/console-auth.js';
import type { AuditLog } from '../handoff/audit-log.js';
import type { Logger } from '../logging/logger.js';
import { EditorError } from './editor-request.js';
import type { EntryVersions } from './entry-versions.js';
import { commitPublishedFile } from './git-commit.js';

export interface PublisherDeps {
  knowledge: KnowledgeBase;
  audit: AuditLog;
  versions: EntryVersions;
  /** Commit each publication when the knowledge folder is in a git work tree (EDITOR_GIT_COMMITS). */
  gitCommits: boolean;
  /** Tells the other instances (publication-sync.ts follows it there). */
  bus: ClusterBus;
  logger: Logger;
}

/** A checked file as the API answers it: the messages, and where it went when published. */
export interface Publication {
  status: number;
  body: { published: boolean; issues: Array<{ line: number; severity: 'error' | 'warning'; message: string }>; [more: string]: unknown };
}

/**
 * Publishes a checked file (an entry, a directory file, the menu): with an error it is refused with kb:check's
 * messages and nothing is written; otherwise the file is written, the base reloads, the version is kept under
 * `key` (the entry id, or the file for the others), the other instances are told, the publication is audited
 * and, when set, committed to git.
 */
export async function publishChecked(deps: PublisherDeps, key: string, checked: CheckedEdit, signed: Signed, action: 'entry_published' | 'entry_reverted', created: boolean): Promise<Publication> {
  const issues = checked.issues.map((i) => ({ line: i.line, severity: i.severity, message: i.message }));
  if (issues.some((i) => i.severity === 'error')) return { status: 422, body: { published: false, issues } };
  const previousText = writeCheckedFile(deps.knowledge.folder, checked);
  await deps.knowledge.reloadIfChanged();
  const versionId = await deps.versions.record({ entryId: key, file: checked.file, text: checked.text, previousText: previousText ?? null, actorId: signed.actor.id });
  deps.bus.announce('knowledge', { versionId });
  await deps.audit.append({ actorId: signed.actor.id, action, detail: checked.file });
  // The file is published either way: a failed commit is logged and said, never a reason to refuse.
  const commit = deps.gitCommits
    ? await commitPublishedFile(deps.knowledge.folder, checked.file, signed.actor, `${action === 'entry_reverted' ? 'Revert' : 'Publish'} ${key} (editors' workspace)`).catch((error: unknown) => {
        deps.logger.warn({ err: error instanceof Error ? error.message.slice(0, 200) : 'unknown', file: checked.file }, 'editor publication written but not committed to git');
        return 'failed' as const;
      })
    : undefined;
  return { status: created ? 201 : 200, body: { published: true, file: checked.file, versionId, commit: commit ?? null, contentHash: deps.knowledge.contentHash.slice(0, 12), issues } };
}

/**
 * Undoes one publication of a file: the text it replaced is checked again and published as a new version.
 * `key` is the entry id or the file the version must belong to.
 */
export async function revertPublication(deps: PublisherDeps, key: string, versionId: string, signed: Signed, today: string): Promise<Publication> {
  const version = await deps.versions.byId(versionId);
  if (!version || version.entryId !== key) throw new EditorError(404, 'not_found', "Cette version n'existe pas.");
  if (version.previousText === null) throw new EditorError(400, 'nothing_before', "Cette publication a créé le fichier : il n'y a pas de version d'avant.");
  return publishChecked(deps, key, checkContentFile(deps.knowledge.folder, version.file, version.previousText, today), signed, 'entry_reverted', false);
}
