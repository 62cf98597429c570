import type { Activity } from 'botbuilder';
import { Api, GrammyError } from 'grammy';
import type { Update } from 'grammy/types';
import { fullText, messageChoices } from '../message-choices.js';
import type { InboundMessage, MessagingPlatform } from '../messaging-platform.js';
import { splitMessage, toPlatformText, type TextStyle } from '../platform-text.js';

/** Telegram's limit is 4 096 characters after its HTML is read: the tags leave room under this. */
const MESSAGE_LIMIT = 3800;
/** callback_data is at most 64 bytes: a longer button value is cut (the bot also accepts the button's number). */
const CALLBACK_DATA_BYTES = 64;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Telegram's HTML formatting (https://core.telegram.org/bots/api#html-style): <b>, <i>, <code>, <a href>. */
export const TELEGRAM_HTML: TextStyle = {
  escape: escapeHtml,
  bold: (inner) => `<b>${inner}</b>`,
  italic: (inner) => `<i>${inner}</i>`,
  code: (text) => `<code>${escapeHtml(text)}</code>`,
  // Telegram refuses tel: links; the apps make phone numbers in the text tappable themselves.
  link: (inner, href) => (/^https?:\/\//i.test(href) ? `<a href="${escapeHtml(href).replace(/"/g, '&quot;')}">${inner}</a>` : inner),
};

/**
 * The Telegram Bot API, through grammY's client (`Api`): messages in its HTML, the bot's choices as an inline
 * keyboard (one button a line, readable on a phone), "typing…" as a chat action. Only private chats are read.
 */
export class TelegramPlatform implements MessagingPlatform {
  readonly channelId = 'telegram' as const;
  readonly api: Api;

  constructor(token: string, apiRoot?: string) {
    this.api = new Api(token, apiRoot ? { apiRoot: apiRoot.replace(/\/$/, '') } : undefined);
  }

  async sendMessage(address: string, activity: Partial<Activity>): Promise<void> {
    const choices = messageChoices(activity);
    const text = toPlatformText(fullText(activity, choices), TELEGRAM_HTML);
    const parts = splitMessage(text, MESSAGE_LIMIT);
    const keyboard = choices.replies.length > 0 ? { inline_keyboard: choices.replies.map((r) => [{ text: r.title, callback_data: fitBytes(r.value, CALLBACK_DATA_BYTES) }]) } : undefined;
    const messages = parts.length > 0 ? parts : ['…'];
    for (const [index, part] of messages.entries()) {
      const options = { link_preview_options: { is_disabled: true }, reply_markup: index === messages.length - 1 ? keyboard : undefined };
      try {
        await this.api.sendMessage(address, part, { ...options, parse_mode: 'HTML' });
      } catch (error) {
        // Formatting Telegram refuses must not cost the young person the answer: the same words, unformatted.
        if (!(error instanceof GrammyError && error.error_code === 400 && /parse entities/i.test(error.description))) throw error;
        await this.api.sendMessage(address, plainText(part), options);
      }
    }
  }

  async typing(address: string): Promise<void> {
    await this.api.sendChatAction(address, 'typing');
  }

  /** The message an update carries, or undefined for what the bot does not answer (groups, edits, channel posts). */
  inbound(update: Update): (InboundMessage & { callbackQueryId?: string }) | undefined {
    const at = new Date();
    if (update.callback_query) {
      const query = update.callback_query;
      if (!query.message || query.message.chat.type !== 'private' || typeof query.data !== 'string') return undefined;
      return { updateId: String(update.update_id), address: String(query.message.chat.id), text: query.data, locale: query.from.language_code, at, callbackQueryId: query.id };
    }
    const message = update.message;
    if (!message || message.chat.type !== 'private') return undefined;
    const base = { updateId: String(update.update_id), address: String(message.chat.id), locale: message.from?.language_code, at: new Date(message.date * 1000) };
    const text = message.text ?? message.caption;
    if (text !== undefined && /^\/start(\s|$)/.test(text)) return { ...base, start: true };
    const attachments = [
      message.photo ? { contentType: 'image/jpeg', name: 'photo' } : undefined,
      message.document ? { contentType: message.document.mime_type ?? 'application/octet-stream', name: 'document' } : undefined,
      message.voice || message.audio ? { contentType: 'audio/ogg', name: 'audio' } : undefined,
      message.video || message.video_note ? { contentType: 'video/mp4', name: 'video' } : undefined,
      message.sticker ? { contentType: 'image/webp', name: 'sticker' } : undefined,
      message.location || message.contact ? { contentType: 'application/vnd.telegram.shared', name: 'shared' } : undefined,
    ].filter((a): a is { contentType: string; name: string } => a !== undefined);
    // "/stop" is Telegram's way to write "stop"; other commands are read as their words.
    return { ...base, text: text?.replace(/^\/(\w+)(@\w+)?/, '$1'), attachments: attachments.length > 0 ? attachments : undefined };
  }
}

/** Telegram HTML as plain text: tags dropped, the four entities read back. */
function plainText(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

function fitBytes(value: string, bytes: number): string {
  let out = value;
  while (Buffer.byteLength(out, 'utf8') > bytes) out = out.slice(0, -1);
  return out;
}
