import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { departementByCode } from '../../knowledge/territory/departements.js';
import type { Actor } from '../handoff/actor.js';
import type { Database } from '../storage/database.js';

export const MIN_PASSWORD_LENGTH = 12;

export interface NewAccount {
  email: string;
  name: string;
  title?: string;
  role: Actor['role'];
  departements: string[];
  /** Unset: a one-time password is generated and must be changed at first login. */
  password?: string;
}

export type LoginResult =
  | { ok: true; actor: Actor; mustChangePassword: boolean }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number };

export class AccountError extends Error {}

/** Console accounts: argon2id password hashes, lockout after repeated failures. */
export class ReferentAccounts {
  constructor(
    private readonly db: Pick<Database, 'query'>,
    private readonly lockout: { maxFailures: number; minutes: number },
  ) {}

  /** Creates an account; returns the one-time password when none was given. */
  async add(account: NewAccount): Promise<{ id: string; oneTimePassword?: string }> {
    const email = normaliseEmail(account.email);
    const name = account.name.trim();
    if (!name || name.length > 60) throw new AccountError('--name: a first name of 1 to 60 characters');
    const departements = [...new Set(account.departements.map((d) => d.trim().toUpperCase()).filter(Boolean))];
    const unknown = departements.filter((d) => !departementByCode(d));
    if (unknown.length > 0) throw new AccountError(`--departements: unknown code(s) ${unknown.join(', ')}`);
    if (account.role === 'referent' && departements.length === 0) throw new AccountError('--departements: a référent needs at least one département (e.g. 93,75)');
    if (account.password !== undefined) checkStrength(account.password);
    const oneTimePassword = account.password === undefined ? generatePassword() : undefined;
    const hash = await hashPassword(account.password ?? oneTimePassword!);
    const { rows } = await this.db.query<{ id: string }>(
      `insert into referents(email, name, title, role, departements, password_hash, must_change_password)
       values ($1, $2, $3, $4, $5, $6, $7) on conflict (email) do nothing returning id::text as id`,
      [email, name, account.title?.trim() || defaultTitle(account.role), account.role, departements, hash, oneTimePassword !== undefined],
    );
    if (!rows[0]) throw new AccountError(`an account already exists for ${email}`);
    return { id: rows[0].id, oneTimePassword };
  }

  async login(email: string, password: string): Promise<LoginResult> {
    const address = email.trim().toLowerCase().slice(0, 320);
    const { rows } = await this.db.query<AccountRow>(`${SELECT_ACCOUNT} where email = $1 and not disabled`, [address]);
    const row = rows[0];
    if (!row) {
      // Same work as a real check, so timing does not tell which emails exist.
      await argon2.verify(DUMMY_HASH, password).catch(() => false);
      return { ok: false, reason: 'invalid' };
    }
    if (row.locked_seconds > 0) return { ok: false, reason: 'locked', retryAfterSeconds: row.locked_seconds };
    if (!(await argon2.verify(row.password_hash, password).catch(() => false))) {
      const { rows: updated } = await this.db.query<{ locked_seconds: number }>(
        `update referents set failed_logins = failed_logins + 1,
           locked_until = case when failed_logins + 1 >= $2 then now() + make_interval(mins => $3) else locked_until end
         where id = $1 returning ${LOCKED_SECONDS} as locked_seconds`,
        [row.id, this.lockout.maxFailures, this.lockout.minutes],
      );
      const locked = Number(updated[0]?.locked_seconds ?? 0);
      return locked > 0 ? { ok: false, reason: 'locked', retryAfterSeconds: locked } : { ok: false, reason: 'invalid' };
    }
    await this.db.query('update referents set failed_logins = 0, locked_until = null where id = $1', [row.id]);
    return { ok: true, actor: toActor(row), mustChangePassword: row.must_change_password };
  }

  async changePassword(id: string, current: string, next: string): Promise<boolean> {
    const row = (await this.db.query<AccountRow>(`${SELECT_ACCOUNT} where id = $1 and not disabled`, [id])).rows[0];
    if (!row || !(await argon2.verify(row.password_hash, current).catch(() => false))) return false;
    checkStrength(next);
    if (next === current) throw new AccountError('Le nouveau mot de passe doit être différent de l’ancien.');
    await this.db.query('update referents set password_hash = $2, must_change_password = false where id = $1', [id, await hashPassword(next)]);
    return true;
  }

  /** Sets a new one-time password (for a forgotten password); returns it. */
  async resetPassword(email: string): Promise<string> {
    const password = generatePassword();
    const { rows } = await this.db.query('update referents set password_hash = $2, must_change_password = true, failed_logins = 0, locked_until = null where email = $1 returning id', [
      normaliseEmail(email),
      await hashPassword(password),
    ]);
    if (rows.length === 0) throw new AccountError(`no account for ${email}`);
    return password;
  }

  async setDisabled(email: string, disabled: boolean): Promise<void> {
    const { rows } = await this.db.query('update referents set disabled = $2 where email = $1 returning id', [normaliseEmail(email), disabled]);
    if (rows.length === 0) throw new AccountError(`no account for ${email}`);
    if (disabled) await this.db.query('delete from console_sessions where referent_id = (select id from referents where email = $1)', [normaliseEmail(email)]);
  }

  async actor(id: string): Promise<{ actor: Actor; mustChangePassword: boolean } | undefined> {
    const row = (await this.db.query<AccountRow>(`${SELECT_ACCOUNT} where id = $1 and not disabled`, [id])).rows[0];
    return row ? { actor: toActor(row), mustChangePassword: row.must_change_password } : undefined;
  }

  async list(): Promise<Array<Actor & { email: string; disabled: boolean }>> {
    const { rows } = await this.db.query<AccountRow>(`${SELECT_ACCOUNT} order by email`);
    return rows.map((r) => ({ ...toActor(r), email: r.email, disabled: r.disabled }));
  }
}

interface AccountRow {
  id: string;
  email: string;
  name: string;
  title: string;
  role: Actor['role'];
  departements: string[];
  password_hash: string;
  must_change_password: boolean;
  disabled: boolean;
  locked_seconds: number;
}

const LOCKED_SECONDS = 'greatest(0, ceil(extract(epoch from (coalesce(locked_until, now()) - now()))))::int';
const SELECT_ACCOUNT = `select id::text as id, email, name, title, role, departements, password_hash, must_change_password, disabled, ${LOCKED_SECONDS} as locked_seconds from referents`;
// A valid argon2id hash of a random string: verified against when the email is unknown.
const DUMMY_HASH = '$argon2id$v=19$m=65536,p=4,t=3$5CrT67IYJKj0rh3k8BTBpA$RavX6TaO/LAAkg0TvFxMUFp2UE3ZiM+ebLHdB4YuJMY';

function toActor(row: AccountRow): Actor {
  return { id: row.id, name: row.name, title: row.title, role: row.role, departements: row.departements };
}

function defaultTitle(role: Actor['role']): string {
  return role === 'coordinator' ? 'coordinateur·rice' : role === 'editor' ? 'éditeur·rice' : 'référent·e';
}

function normaliseEmail(email: string): string {
  const value = email.trim().toLowerCase();
  if (!/^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/.test(value)) throw new AccountError(`--email: "${email.slice(0, 80)}" is not an email address`);
  return value;
}

function checkStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new AccountError(`Le mot de passe doit faire au moins ${MIN_PASSWORD_LENGTH} caractères.`);
  if (password.length > 200) throw new AccountError('Le mot de passe doit faire au plus 200 caractères.');
}

async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}
