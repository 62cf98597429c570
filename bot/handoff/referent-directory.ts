import type { Database } from '../storage/database.js';
import type { Actor } from './actor.js';

export interface ReferentSummary extends Actor {
  email: string;
  locked: boolean;
}

/** Who can answer where: the référent accounts as the handoff sees them (no passwords). */
export class ReferentDirectory {
  constructor(private readonly db: Pick<Database, 'query'>) {}

  /** True when some active account would see a case of this département: a coordinator sees them all, and the only ones without a département. */
  async covers(departement: string | undefined): Promise<boolean> {
    const { rows } = await this.db.query(
      `select 1 from referents where not disabled and (role = 'coordinator' or $1 = any(departements)) limit 1`,
      [departement ?? null],
    );
    return rows.length > 0;
  }

  async byId(id: string): Promise<ReferentSummary | undefined> {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    return (await this.select('where id = $1', [id]))[0];
  }

  async list(): Promise<ReferentSummary[]> {
    return this.select('where not disabled order by name', []);
  }

  private async select(where: string, params: unknown[]): Promise<ReferentSummary[]> {
    const { rows } = await this.db.query<{ id: string; name: string; title: string; email: string; role: Actor['role']; departements: string[]; locked: boolean }>(
      `select id::text as id, name, title, email, role, departements, coalesce(locked_until > now(), false) as locked from referents ${where}`,
      params,
    );
    return rows;
  }
}
