import type { Activity } from 'botbuilder';

/** A message a young person sent on a messaging app, read from the platform's webhook. */
export interface InboundMessage {
  /** The platform's id of this update or message: a webhook delivered twice is processed once. */
  updateId: string;
  /** Where replies go: the chat id (Telegram) or phone number (WhatsApp). Kept only in messaging_contacts. */
  address: string;
  text?: string;
  /** Files, photos, voice notes: never downloaded; the bot says it cannot read them. */
  attachments?: Array<{ contentType: string; name?: string }>;
  /** The app's first message (Telegram's /start): the conversation starts with the welcome. */
  start?: boolean;
  locale?: string;
  at: Date;
}

/** What the messaging adapter needs of a platform: send the bot's messages its own way, and show "typing". */
export interface MessagingPlatform {
  readonly channelId: 'telegram' | 'whatsapp';
  /** How long after the young person's last message the platform lets the service write (WhatsApp: 24 h); none: always. */
  readonly replyWindowMs?: number;
  /** One message of the bot: its Markdown in the platform's formatting, split at its limits, its choices as buttons. */
  sendMessage(address: string, activity: Partial<Activity>): Promise<void>;
  /** "Typing…" while the answer is prepared, where the platform has it (`inReplyTo`: the message being answered). */
  typing(address: string, inReplyTo?: string): Promise<void>;
}
