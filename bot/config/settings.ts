import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { openingHoursProblem } from '../handoff/opening-hours.js';
import { parseTrustedProxies } from '../server/client-address.js';

function trustedProxiesProblem(value: string): string | undefined {
  try {
    parseTrustedProxies(value);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : 'invalid';
  }
}

/**
 * Every setting Relais reads from the environment, declared once with its default and meaning.
 * This is the only module that knows about process.env (see loadSettings).
 */
const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value));

export const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978).describe('HTTP port of the server (web chat, Direct Line, /api/messages).'),
  HOST: optionalString.describe('Interface to listen on. Default: 127.0.0.1 when no MicrosoftAppId is set (anonymous mode), otherwise 0.0.0.0.'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development').describe('development, production or test. In production, /api/messages needs MicrosoftAppId.'),
  DATA_DIR: z.string().min(1).default('./data').describe('Folder for embedded data: the PGlite database, search indexes, the development Direct Line secret.'),
  INDEX_DIR: optionalString.describe('Folder for the search indexes (rebuilt when the content changes). Unset: DATA_DIR/index.'),
  KNOWLEDGE_DIR: optionalString.describe("Folder of the knowledge base (entries, directory, menu) that the server answers from and the editors publish to. Unset: the project's knowledge/ folder."),
  KNOWN_QUESTIONS_DIR: optionalString.describe("Folder of labelled questions (YAML, as test/eval) that the editors' workspace answers with and without a draft, to show what the draft would change. Unset: the project's test/eval folder, when present."),
  DATABASE_URL: optionalString.describe('PostgreSQL connection string; several instances may share it (no sticky sessions needed). Unset: an embedded PGlite database in DATA_DIR, one process.'),
  DIRECTLINE_SECRET: optionalString.describe('Secret of the built-in Direct Line channel. Unset: a random one is generated and kept in DATA_DIR (refused in production).'),
  DIRECTLINE_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(1800).describe('Lifetime of Direct Line tokens given to browsers.'),
  TRUSTED_PROXIES: optionalString
    .refine((v) => v === undefined || trustedProxiesProblem(v) === undefined, 'a comma-separated list of addresses or ranges (10.0.0.0/8), or loopback, linklocal, uniquelocal')
    .describe('Reverse proxies whose X-Forwarded-For is believed for rate limits (addresses, ranges, or loopback). Unset: none, the socket address counts.'),
  DIRECTLINE_POSTS_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(60).describe('Messages one conversation may post per minute (429 with Retry-After beyond).'),
  DIRECTLINE_STREAMS_PER_CONVERSATION: z.coerce.number().int().min(1).max(100).default(4).describe('Web Chat streams (WebSockets) one conversation may keep open at once.'),
  WEBCHAT_TOKEN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(20).describe('Web chat tokens one client address may request per minute.'),
  QUICK_EXIT_URL: z.string().url().default('https://www.google.fr/search?q=meteo').describe('Neutral page the "Quitter vite" button opens.'),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).optional().describe("Days after a young person's last message when their conversation, profile, feedback and closed cases are deleted (checked every 6 hours). Unset: kept until they erase it."),
  SERVICE_OPERATOR: z.string().min(1).default('Instance de démonstration de Relais, logiciel libre').describe('Who runs this Relais (organisation name), shown in the page footer and the mentions légales.'),
  SERVICE_OPERATOR_ADDRESS: optionalString.describe("The operator's postal address, for the mentions légales."),
  SERVICE_PUBLICATION_DIRECTOR: optionalString.describe('Directeur ou directrice de la publication, for the mentions légales.'),
  SERVICE_HOSTING: optionalString.describe("Who hosts the server (name and address), for the mentions légales."),
  SERVICE_CONTACT: optionalString
    .refine((v) => v === undefined || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v) || /^https:\/\/\S+$/.test(v), 'an e-mail address or an https:// URL')
    .describe('How to reach the operator: an e-mail address or an https:// page. Shown in the footer.'),
  ACCESSIBILITY_STATUS: z.enum(['non conforme', 'partiellement conforme', 'totalement conforme']).default('non conforme').describe('RGAA compliance stated in the accessibility statement: keep "non conforme" until an audit says otherwise.'),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant').describe('Bot Framework app type for /api/messages.'),
  MicrosoftAppId: optionalString.describe('Bot Framework app id. Unset: anonymous /api/messages on loopback only.'),
  MicrosoftAppPassword: optionalString.describe('Bot Framework app password (not used with UserAssignedMSI).'),
  MicrosoftAppTenantId: optionalString.describe('Tenant id, required for SingleTenant and UserAssignedMSI.'),
  PUBLIC_URL: optionalString.describe('Public address of Relais (https://...), used in links of alerts and in the web chat\'s stream address. Required in production. Unset: http://localhost:PORT.'),
  HANDOFF_TARGET_MINUTES_CRISIS: z.coerce.number().int().min(1).max(10080).default(15).describe('Target delay, in minutes, for a référent to take a crisis case (the console shows it overdue after).'),
  HANDOFF_TARGET_MINUTES_REQUEST: z.coerce.number().int().min(1).max(10080).default(120).describe('Target delay, in minutes, for a request to talk to a human.'),
  HANDOFF_TARGET_MINUTES_NOT_FOUND: z.coerce.number().int().min(1).max(10080).default(480).describe('Target delay, in minutes, for a question the bot could not answer twice.'),
  HANDOFF_OPENING_HOURS: z.string().min(1).default('mon-fri 09:00-18:00').describe('When référents answer, e.g. "mon-fri 09:00-18:00; sat 10:00-12:00". The bot tells a young person when to expect a reply.'),
  HANDOFF_TIMEZONE: z.string().min(1).default('Europe/Paris').describe('Time zone of the opening hours (IANA name).'),
  HANDOFF_ALERT_WEBHOOK_URL: optionalString.describe('URL that receives a POST (JSON, no message text) when a crisis case opens. Unset: no alert.'),
  HANDOFF_PLATFORM_EVENTS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('true: a request for a human also sends the Bot Framework handoff.initiate event (with the transcript) on its channel, and handoff.status is accepted, for a contact-centre platform.'),
  EDITOR_GIT_COMMITS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true')
    .describe("true: when the knowledge folder is in a git work tree, each publication from the editors' workspace is committed with the editor's name. false: files are written only."),
  TELEGRAM_BOT_TOKEN: optionalString.describe('Token of the Telegram bot (from @BotFather). Set with TELEGRAM_WEBHOOK_SECRET: the Telegram channel is on, at POST /api/telegram.'),
  TELEGRAM_WEBHOOK_SECRET: optionalString.describe('Secret Telegram sends with every update (X-Telegram-Bot-Api-Secret-Token), 16 to 256 of A-Z a-z 0-9 _ -. Required with TELEGRAM_BOT_TOKEN.'),
  TELEGRAM_API_BASE_URL: z.string().url().default('https://api.telegram.org').describe('Telegram Bot API server (tests point it to a local fake).'),
  WHATSAPP_TOKEN: optionalString.describe('Access token of the WhatsApp Cloud API (a system user token). Set with WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN: the WhatsApp channel is on, at /api/whatsapp.'),
  WHATSAPP_PHONE_NUMBER_ID: optionalString.describe('Id of the WhatsApp business phone number that sends the messages.'),
  WHATSAPP_APP_SECRET: optionalString.describe('Secret of the Meta app: every webhook notification is signed with it (X-Hub-Signature-256).'),
  WHATSAPP_VERIFY_TOKEN: optionalString.describe('Token Meta sends back when the webhook is registered (GET /api/whatsapp).'),
  WHATSAPP_APP_ID: optionalString.describe('Id of the Meta app: only for `npm run channels:webhook -- whatsapp`, which registers the webhook.'),
  WHATSAPP_API_BASE_URL: z.string().url().default('https://graph.facebook.com/v21.0').describe('Graph API, with its version (tests point it to a local fake).'),
  CONSOLE_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30).describe('A référent console session ends after this many minutes without activity.'),
  CONSOLE_MAX_FAILED_LOGINS: z.coerce.number().int().min(1).max(100).default(5).describe('Failed logins in a row that lock a console account.'),
  CONSOLE_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15).describe('How long a locked console account stays locked.'),
  CONSOLE_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(10).describe('Console login attempts one client address may make per minute.'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level. Logs never contain message text.'),
  OPENAI_API_KEY: optionalString.describe('Key of an OpenAI-compatible endpoint. Unset: offline answers and local embeddings.'),
  OPENAI_BASE_URL: optionalString.describe('Base URL of the OpenAI-compatible endpoint (OpenAI, Albert, Ollama, vLLM...).'),
  OPENAI_CHAT_MODEL: z.string().min(1).default('gpt-4o-mini').describe('Chat model that rewrites answers from retrieved entries.'),
  OPENAI_EMBEDDING_MODEL: optionalString.describe('Embedding model of the endpoint. Unset: local embeddings even with a key.'),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(4000).describe('Time allowed to the model before the extractive answer is sent.'),
});

type RawSettings = z.infer<typeof settingsSchema>;

export interface Settings extends RawSettings {
  /** The host actually used: loopback in anonymous mode unless HOST says otherwise. */
  readonly listenHost: string;
  /** True when no MicrosoftAppId is configured. */
  readonly anonymous: boolean;
}

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

/** Validates an environment; throws SettingsError naming each bad setting. */
export function parseSettings(env: Record<string, string | undefined>): Settings {
  const result = settingsSchema.safeParse(env);
  if (!result.success) {
    throw new SettingsError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const raw = result.data;
  const problems: string[] = [];
  if (raw.MicrosoftAppId && raw.MicrosoftAppType !== 'UserAssignedMSI' && !raw.MicrosoftAppPassword) {
    problems.push('MicrosoftAppPassword: required when MicrosoftAppId is set (except with UserAssignedMSI)');
  }
  if (raw.MicrosoftAppId && raw.MicrosoftAppType !== 'MultiTenant' && !raw.MicrosoftAppTenantId) {
    problems.push(`MicrosoftAppTenantId: required with MicrosoftAppType=${raw.MicrosoftAppType}`);
  }
  if (raw.NODE_ENV === 'production' && !raw.DIRECTLINE_SECRET) {
    problems.push('DIRECTLINE_SECRET: required in production (a generated secret is for development only)');
  }
  if (raw.DIRECTLINE_SECRET && raw.DIRECTLINE_SECRET.length < 32) {
    problems.push('DIRECTLINE_SECRET: must be at least 32 characters');
  }
  if (raw.OPENAI_BASE_URL && !/^https?:\/\//.test(raw.OPENAI_BASE_URL)) {
    problems.push('OPENAI_BASE_URL: must start with http:// or https://');
  }
  if (raw.PUBLIC_URL && !/^https?:\/\//.test(raw.PUBLIC_URL)) problems.push('PUBLIC_URL: must start with http:// or https://');
  if (raw.NODE_ENV === 'production' && !raw.PUBLIC_URL) problems.push('PUBLIC_URL: required in production (the web chat\'s stream address is built from it, never from the Host header)');
  if (raw.HANDOFF_ALERT_WEBHOOK_URL && !/^https?:\/\//.test(raw.HANDOFF_ALERT_WEBHOOK_URL)) problems.push('HANDOFF_ALERT_WEBHOOK_URL: must start with http:// or https://');
  if (raw.TELEGRAM_BOT_TOKEN && !raw.TELEGRAM_WEBHOOK_SECRET) problems.push('TELEGRAM_WEBHOOK_SECRET: required with TELEGRAM_BOT_TOKEN (without it anyone could post updates)');
  if (raw.TELEGRAM_WEBHOOK_SECRET && !/^[A-Za-z0-9_-]{16,256}$/.test(raw.TELEGRAM_WEBHOOK_SECRET)) problems.push('TELEGRAM_WEBHOOK_SECRET: 16 to 256 characters among A-Z a-z 0-9 _ -');
  const whatsapp = ['WHATSAPP_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'] as const;
  const whatsappSet = whatsapp.filter((key) => raw[key]);
  if (whatsappSet.length > 0 && whatsappSet.length < whatsapp.length) problems.push(`${whatsapp.filter((key) => !raw[key]).join(', ')}: required with ${whatsappSet.join(', ')} (the WhatsApp channel needs all four)`);
  const hours = openingHoursProblem(raw.HANDOFF_OPENING_HOURS, raw.HANDOFF_TIMEZONE);
  if (hours) problems.push(hours);
  if (problems.length > 0) throw new SettingsError(problems);
  const anonymous = !raw.MicrosoftAppId;
  return { ...raw, anonymous, listenHost: raw.HOST ?? (anonymous ? '127.0.0.1' : '0.0.0.0') };
}

/** The one place that reads process.env. */
export function loadSettings(): Settings {
  return parseSettings(process.env);
}

/** A secret for development, when none is configured. */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Rows for the README's configuration table. */
export function describeSettings(): Array<{ name: string; defaultValue: string; meaning: string }> {
  return Object.entries(settingsSchema.shape).map(([name, schema]) => {
    const parsed = (schema as z.ZodTypeAny).safeParse(undefined);
    const defaultValue = parsed.success && parsed.data !== undefined ? String(parsed.data) : '';
    return { name, defaultValue, meaning: schema.description ?? '' };
  });
}
