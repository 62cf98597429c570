import type { Activity } from 'botbuilder';
import { fullText, messageChoices, type MessageChoices } from '../message-choices.js';
import type { InboundMessage, MessagingPlatform } from '../messaging-platform.js';
import { splitMessage, toPlatformText, type TextStyle } from '../platform-text.js';

/** The Cloud API's limits: a text message, an interactive message's body, reply buttons and list rows. */
const TEXT_LIMIT = 4096;
const INTERACTIVE_BODY_LIMIT = 1024;
const MAX_BUTTONS = 3;
const BUTTON_TITLE = 20;
const MAX_ROWS = 10;
const ROW_TITLE = 24;
const ROW_DESCRIPTION = 72;

/** WhatsApp's formatting: *bold*, _italic_, `code`; links written out (the app makes them and phone numbers tappable). */
export const WHATSAPP_TEXT: TextStyle = {
  escape: (text) => text,
  bold: (inner) => (inner.trim() ? `*${inner}*` : inner),
  italic: (inner) => (inner.trim() ? `_${inner}_` : inner),
  code: (text) => `\`${text}\``,
  link: (inner, href) => (/^https?:\/\//i.test(href) && inner !== href && inner !== href.replace(/^https?:\/\//, '') ? `${inner} (${href})` : inner),
};

export interface WhatsAppSettings {
  token: string;
  phoneNumberId: string;
  /** The Graph API, with its version (WHATSAPP_API_BASE_URL). */
  baseUrl: string;
}

/**
 * The WhatsApp Cloud API: text in WhatsApp's formatting, choices as reply buttons (at most 3 short ones) or a
 * list (at most 10), "typing…" on the message being answered. Its Node SDK is archived, so the two calls it
 * needs (send a message, mark one read with a typing indicator) are made here with fetch.
 */
export class WhatsAppPlatform implements MessagingPlatform {
  readonly channelId = 'whatsapp' as const;
  /** WhatsApp's customer-service window: a business may write freely only within 24 h of the person's last message. */
  readonly replyWindowMs = 24 * 60 * 60 * 1000;

  constructor(private readonly settings: WhatsAppSettings) {}

  async sendMessage(address: string, activity: Partial<Activity>): Promise<void> {
    const choices = messageChoices(activity);
    const parts = splitMessage(toPlatformText(fullText(activity, choices), WHATSAPP_TEXT), TEXT_LIMIT);
    const interactive = choices.replies.length > 0 ? interactiveFor(choices) : undefined;
    // The choices ride on the last part when it fits an interactive body; otherwise they follow it.
    const last = parts[parts.length - 1];
    const inBody = interactive && last !== undefined && last.length <= INTERACTIVE_BODY_LIMIT;
    for (const part of inBody ? parts.slice(0, -1) : parts) await this.post({ to: address, type: 'text', text: { body: part, preview_url: false } });
    if (interactive) await this.post({ to: address, type: 'interactive', interactive: { ...interactive, body: { text: inBody ? last! : 'Choisis :' } } });
  }

  async typing(_address: string, inReplyTo?: string): Promise<void> {
    // The indicator belongs to the message being answered (and marks it read); without one there is nothing to show.
    if (inReplyTo) await this.post({ status: 'read', message_id: inReplyTo, typing_indicator: { type: 'text' } });
  }

  /** The messages of a webhook's payload (statuses, reactions and other notifications are not messages). */
  inbound(payload: unknown): InboundMessage[] {
    const entries = (payload as { entry?: Array<{ changes?: Array<{ field?: string; value?: { messages?: WhatsAppMessage[] } }> }> } | undefined)?.entry ?? [];
    return entries.flatMap((entry) =>
      (entry.changes ?? []).flatMap((change) => (change.field === 'messages' ? (change.value?.messages ?? []) : [])).flatMap((m): InboundMessage[] => {
        if (typeof m?.id !== 'string' || typeof m.from !== 'string') return [];
        const base = { updateId: m.id, address: m.from, at: new Date(Number(m.timestamp) * 1000 || Date.now()) };
        if (m.type === 'text') return [{ ...base, text: m.text?.body ?? '' }];
        if (m.type === 'interactive') return [{ ...base, text: m.interactive?.button_reply?.id ?? m.interactive?.list_reply?.id ?? '' }];
        if (m.type === 'button') return [{ ...base, text: m.button?.payload ?? m.button?.text ?? '' }];
        return [{ ...base, text: (m as { image?: { caption?: string } }).image?.caption ?? '', attachments: [{ contentType: `application/vnd.whatsapp.${String(m.type).slice(0, 20)}`, name: String(m.type).slice(0, 20) }] }];
      }),
    );
  }

  private async post(body: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${this.settings.baseUrl.replace(/\/$/, '')}/${encodeURIComponent(this.settings.phoneNumberId)}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.settings.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', ...body }),
      signal: AbortSignal.timeout(15_000),
    });
    // The status only: the API's error text may quote the message or the number.
    if (!response.ok) throw new Error(`WhatsApp Cloud API answered ${response.status}`);
  }
}

interface WhatsAppMessage {
  id: string;
  from: string;
  timestamp?: string;
  type: string;
  text?: { body?: string };
  interactive?: { button_reply?: { id?: string }; list_reply?: { id?: string } };
  button?: { payload?: string; text?: string };
}

/** Reply buttons when there are at most 3 short ones, else a list of at most 10 (its rows say the rest). */
function interactiveFor(choices: MessageChoices): Record<string, unknown> {
  const replies = choices.replies.slice(0, MAX_ROWS);
  if (replies.length <= MAX_BUTTONS && replies.every((r) => r.title.length <= BUTTON_TITLE)) {
    return { type: 'button', action: { buttons: replies.map((r) => ({ type: 'reply', reply: { id: r.value.slice(0, 256), title: r.title } })) } };
  }
  const rows = replies.map((r) => ({ id: r.value.slice(0, 200), title: cut(r.title, ROW_TITLE), ...(r.title.length > ROW_TITLE ? { description: cut(r.title, ROW_DESCRIPTION) } : {}) }));
  return { type: 'list', action: { button: 'Choisir', sections: [{ title: 'Choix', rows }] } };
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
