import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import type { ClusterBus } from '../cluster/cluster-bus.js';
import { errorSummary } from '../logging/error-summary.js';
import type { Logger } from '../logging/logger.js';
import type { EntryVersions } from './entry-versions.js';

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
    if (!version) return;
    const full = path.resolve(knowledge.folder, version.file);
    // Only ever inside the knowledge folder, whatever the row says.
    if (path.relative(knowledge.folder, full).startsWith('..') || !full.endsWith('.md')) return;
    if (!existsSync(full) || readFileSync(full, 'utf8') !== version.text) {
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, version.text);
    }
    await knowledge.reloadIfChanged();
    logger.info({ versionId, file: version.file }, 'publication from another instance applied');
  }
}
