import type { Settings } from '../config/settings.js';
import { TelegramPlatform } from './telegram/telegram-platform.js';
import { TELEGRAM_WEBHOOK_PATH } from './telegram/telegram-webhook.js';
import { WHATSAPP_WEBHOOK_PATH } from './whatsapp/whatsapp-webhook.js';

/** The public address of a webhook: PUBLIC_URL and the path (platforms call only https addresses). */
function webhookUrl(settings: Settings, path: string): string {
  if (!settings.PUBLIC_URL) throw new Error('PUBLIC_URL is required: the platform calls Relais at PUBLIC_URL' + path);
  return `${settings.PUBLIC_URL.replace(/\/$/, '')}${path}`;
}

/** Tells Telegram where to send updates, with the secret it must send back (setWebhook). */
export async function setTelegramWebhook(settings: Settings): Promise<string> {
  if (!settings.TELEGRAM_BOT_TOKEN || !settings.TELEGRAM_WEBHOOK_SECRET) throw new Error('TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET are required');
  const url = webhookUrl(settings, TELEGRAM_WEBHOOK_PATH);
  const telegram = new TelegramPlatform(settings.TELEGRAM_BOT_TOKEN, settings.TELEGRAM_API_BASE_URL);
  await telegram.api.setWebhook(url, { secret_token: settings.TELEGRAM_WEBHOOK_SECRET, allowed_updates: ['message', 'callback_query'] });
  return url;
}

/**
 * Subscribes the Meta app to WhatsApp notifications at Relais's address, with the verify token (Graph API
 * `/{app-id}/subscriptions`, with the app's own access token). Meta calls GET /api/whatsapp to check it.
 */
export async function setWhatsAppWebhook(settings: Settings): Promise<string> {
  if (!settings.WHATSAPP_APP_ID || !settings.WHATSAPP_APP_SECRET || !settings.WHATSAPP_VERIFY_TOKEN) throw new Error('WHATSAPP_APP_ID, WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN are required');
  const url = webhookUrl(settings, WHATSAPP_WEBHOOK_PATH);
  const form = new URLSearchParams({ object: 'whatsapp_business_account', callback_url: url, verify_token: settings.WHATSAPP_VERIFY_TOKEN, fields: 'messages', access_token: `${settings.WHATSAPP_APP_ID}|${settings.WHATSAPP_APP_SECRET}` });
  const response = await fetch(`${settings.WHATSAPP_API_BASE_URL.replace(/\/$/, '')}/${encodeURIComponent(settings.WHATSAPP_APP_ID)}/subscriptions`, { method: 'POST', body: form, signal: AbortSignal.timeout(15_000) });
  if (!response.ok) throw new Error(`the Graph API refused the subscription (${response.status}): check the app id, the app secret, and that ${url} answers`);
  return url;
}
