import { createHmac } from 'node:crypto';
import type { Server } from 'restify';
import type { TurnContext } from 'botbuilder';
import type { Settings } from '../config/settings.js';
import type { Logger } from '../logging/logger.js';
import { userRefFactory } from '../privacy/user-ref.js';
import type { Database } from '../storage/database.js';
import { MessagingAdapter } from './messaging-adapter.js';
import { MessagingContacts } from './messaging-contacts.js';
import { TelegramPlatform } from './telegram/telegram-platform.js';
import { registerTelegramWebhook } from './telegram/telegram-webhook.js';
import { UpdateLog } from './update-log.js';
import { WhatsAppPlatform } from './whatsapp/whatsapp-platform.js';
import { registerWhatsAppWebhook } from './whatsapp/whatsapp-webhook.js';

export interface MessagingChannels {
  /** One adapter per configured app (none when no TELEGRAM_* or WHATSAPP_* setting is set). */
  adapters: MessagingAdapter[];
  /** Their webhooks, once the bot's turn logic exists. */
  registerWebhooks(server: Server, logic: (context: TurnContext) => Promise<void>): void;
}

/**
 * The messaging apps the settings turn on (Telegram with TELEGRAM_BOT_TOKEN, WhatsApp with WHATSAPP_TOKEN and
 * its three companions), each behind a MessagingAdapter that runs the same bot as Web Chat.
 */
export function createMessagingChannels(settings: Settings, db: Database, secret: string, userRefOf: (channelId: string, userId: string) => string, logger: Logger): MessagingChannels {
  const contacts = new MessagingContacts(db);
  const updates = new UpdateLog(db);
  // Addresses (chat ids, phone numbers) get their own key, derived from the server's secret.
  const pseudonym = userRefFactory(createHmac('sha256', secret).update('relais messaging addresses').digest('hex'));
  const telegram = settings.TELEGRAM_BOT_TOKEN ? new TelegramPlatform(settings.TELEGRAM_BOT_TOKEN, settings.TELEGRAM_API_BASE_URL) : undefined;
  const whatsapp =
    settings.WHATSAPP_TOKEN && settings.WHATSAPP_PHONE_NUMBER_ID ? new WhatsAppPlatform({ token: settings.WHATSAPP_TOKEN, phoneNumberId: settings.WHATSAPP_PHONE_NUMBER_ID, baseUrl: settings.WHATSAPP_API_BASE_URL }) : undefined;
  const telegramAdapter = telegram && new MessagingAdapter(telegram, contacts, pseudonym, userRefOf);
  const whatsappAdapter = whatsapp && new MessagingAdapter(whatsapp, contacts, pseudonym, userRefOf);
  return {
    adapters: [telegramAdapter, whatsappAdapter].filter((a): a is MessagingAdapter => a !== undefined),
    registerWebhooks(server, logic) {
      if (telegram && telegramAdapter) registerTelegramWebhook(server, { adapter: telegramAdapter, platform: telegram, updates, secret: settings.TELEGRAM_WEBHOOK_SECRET!, logic, logger });
      if (whatsapp && whatsappAdapter) registerWhatsAppWebhook(server, { adapter: whatsappAdapter, platform: whatsapp, updates, verifyToken: settings.WHATSAPP_VERIFY_TOKEN!, appSecret: settings.WHATSAPP_APP_SECRET!, logic, logger });
    },
  };
}
