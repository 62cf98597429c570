import type { Database } from '../storage/database.js';

export interface EntryVersion {
  id: string;
  entryId: string;
  file: string;
  /** The file's text as this publication wrote it. */
  text: string;
  /** The text it replaced; null for a new entry. */
  previousText: string | null;
  actorName: string | null;
  publishedAt: string;
}

/**
 * The history of what editors published, per entry (keyed by its id) or per directory or menu file (keyed by the
 * file): what each publication wrote and what it replaced.
 */
export class EntryVersions {
  constructor(private readonly db: Database) {}

  async record(version: { entryId: string; file: string; text: string; previousText: string | null; actorId: string }): Promise<string> {
    const { rows } = await this.db.query<{ id: string }>('insert into entry_versions(entry_id, file, text, previous_text, actor_id) values ($1, $2, $3, $4, $5) returning id::text as id', [
      version.entryId,
      version.file,
      version.text,
      version.previousText,
      version.actorId,
    ]);
    return rows[0]!.id;
  }

  /** Newest first. */
  async list(entryId: string): Promise<EntryVersion[]> {
    const { rows } = await this.db.query<VersionRow>(`${SELECT_VERSION} where v.entry_id = $1 order by v.id desc limit 100`, [entryId]);
    return rows.map(versionOf);
  }

  /** Every version, oldest first (at most the latest 10 000): to replay what an instance missed. */
  async inOrder(): Promise<EntryVersion[]> {
    const { rows } = await this.db.query<VersionRow>(`${SELECT_VERSION} order by v.id desc limit 10000`);
    return rows.map(versionOf).reverse();
  }

  /** One version by its id (a revert, or an announcement from another instance). */
  async byId(id: string): Promise<EntryVersion | undefined> {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const { rows } = await this.db.query<VersionRow>(`${SELECT_VERSION} where v.id = $1`, [id]);
    return rows[0] ? versionOf(rows[0]) : undefined;
  }
}

/** A version as the editors' API gives it: `created` when the publication made the file. */
export function versionView(v: EntryVersion) {
  return { id: v.id, file: v.file, actorName: v.actorName, publishedAt: v.publishedAt, created: v.previousText === null, text: v.text, previousText: v.previousText };
}

interface VersionRow {
  id: string;
  entry_id: string;
  file: string;
  text: string;
  previous_text: string | null;
  actor_name: string | null;
  published_at: Date | string;
}

const SELECT_VERSION = 'select v.id::text as id, v.entry_id, v.file, v.text, v.previous_text, r.name as actor_name, v.published_at from entry_versions v left join referents r on r.id = v.actor_id';

function versionOf(r: VersionRow): EntryVersion {
  return { id: r.id, entryId: r.entry_id, file: r.file, text: r.text, previousText: r.previous_text, actorName: r.actor_name, publishedAt: new Date(r.published_at).toISOString() };
}
