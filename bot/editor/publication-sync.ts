import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { contentFileKind } from '../../knowledge/content/content-file.js';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import type { ClusterBus } from '../cluster/cluster-bus.js';
import { errorSummary } from '../logging/error-summary.js';
import type { Logger } from '../logging/logger.js';
import type { EntryVersion, EntryVersions } from './entry-versions.js';

/**
 * An editor's publication reaches every instance, not only the one that received it: the publishing instance
 * announces the version; each other instance reads its text from the database, writes it to its own knowledge
 * folder when it differs (a shared folder already has it), and reloads. Returns the unsubscribe function.
 */
export function followPublications(bus: ClusterBus, versions: EntryVersions, knowledge: KnowledgeBase, logger: Logger): () => void {
  return bus.onAnnouncement('knowledge', (payload) => {
    void apply(String(payload.versionId ?? '')).catch((error: unknown) => logger.warn({ err: errorSummary(error) }, 'publication from another instance not applied'));
  });

  async function apply(versionId: string): Promise<void> {
    const version = await versions.byId(versionId);
    const full = version && fileOf(knowledge, version);
    if (!full) return;
    if (!existsSync(full) || readFileSync(full, 'utf8') !== version.text) write(full, version.text);
    await knowledge.reloadIfChanged();
    logger.info({ versionId, file: version.file }, 'publication from another instance applied');
  }
}

/**
 * At start, the publications this instance missed while it was down: in the order they were made, a version
 * is written when the file is exactly as that publication found it (the text it replaced, or no file for a
 * creation). A file that moved on otherwise (a deployment, a hand edit) is left as it is, never overwritten
 * with an older text. Returns how many files were brought up to date.
 */
export async function catchUpPublications(versions: EntryVersions, knowledge: KnowledgeBase, logger: Logger): Promise<number> {
  let applied = 0;
  for (const version of await versions.inOrder()) {
    const full = fileOf(knowledge, version);
    if (!full) continue;
    const current = existsSync(full) ? readFileSync(full, 'utf8') : null;
    if (current === version.text || current !== version.previousText) continue;
    write(full, version.text);
    applied += 1;
  }
  if (applied > 0) {
    await knowledge.reloadIfChanged();
    logger.info({ files: applied }, 'publications made while this instance was down applied');
  }
  return applied;
}

/** Only ever a content file inside the knowledge folder, whatever the row says. */
function fileOf(knowledge: KnowledgeBase, version: EntryVersion): string | undefined {
  const full = path.resolve(knowledge.folder, version.file);
  const relative = path.relative(knowledge.folder, full);
  return !relative.startsWith('..') && contentFileKind(relative) ? full : undefined;
}

function write(full: string, text: string): void {
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
}
