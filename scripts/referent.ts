import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadSettings } from '../bot/config/settings.js';
import { AccountError, ReferentAccounts } from '../bot/console/referent-accounts.js';
import { openDatabase } from '../bot/storage/open-database.js';

const USAGE = `Référent console accounts.

  npm run referent -- add --email E --name "Prénom" --departements 93,75 --role referent|coordinator|editor [--title "référente"] [--password-stdin]
  npm run referent -- list
  npm run referent -- reset-password --email E
  npm run referent -- disable --email E
  npm run referent -- enable --email E

Without --password-stdin, add prints a one-time password, to be changed at the first login.
With the embedded database (no DATABASE_URL), stop the server first.`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      title: { type: 'string' },
      departements: { type: 'string', default: '' },
      role: { type: 'string', default: 'referent' },
      'password-stdin': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const settings = loadSettings();
  const db = await openDatabase({ databaseUrl: settings.DATABASE_URL, dataDir: settings.DATA_DIR });
  const accounts = new ReferentAccounts(db, { maxFailures: settings.CONSOLE_MAX_FAILED_LOGINS, minutes: settings.CONSOLE_LOCKOUT_MINUTES });
  try {
    switch (command) {
      case 'add': {
        if (values.role !== 'referent' && values.role !== 'coordinator' && values.role !== 'editor') throw new AccountError('--role: referent, coordinator or editor');
        const password = values['password-stdin'] ? await readPassword() : undefined;
        const created = await accounts.add({
          email: required(values.email, '--email'),
          name: required(values.name, '--name'),
          title: values.title,
          role: values.role,
          departements: values.departements.split(','),
          password,
        });
        console.log(`Account ${created.id} created for ${values.email}. Console: ${settings.PUBLIC_URL ?? `http://localhost:${settings.PORT}`}/console`);
        if (created.oneTimePassword) console.log(`One-time password (to change at the first login): ${created.oneTimePassword}`);
        return 0;
      }
      case 'list':
        for (const a of await accounts.list()) console.log(`${a.id}\t${a.email}\t${a.name}\t${a.role}\t${a.departements.join(',') || 'all'}${a.disabled ? '\tdisabled' : ''}`);
        return 0;
      case 'reset-password':
        console.log(`One-time password (to change at the next login): ${await accounts.resetPassword(required(values.email, '--email'))}`);
        return 0;
      case 'disable':
      case 'enable':
        await accounts.setDisabled(required(values.email, '--email'), command === 'disable');
        console.log(`${values.email} ${command}d.`);
        return 0;
      default:
        console.error(`Unknown command "${command}".\n\n${USAGE}`);
        return 1;
    }
  } finally {
    await db.close();
  }
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new AccountError(`${flag} is required`);
  return value;
}

/** The password from standard input (first line), for scripts; asked without echo is not possible here, so never on a terminal. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) throw new AccountError('--password-stdin reads a piped password: echo "$PASSWORD" | npm run referent -- add ... --password-stdin');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  throw new AccountError('--password-stdin: nothing on standard input');
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof AccountError ? `Error: ${error.message}` : error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
