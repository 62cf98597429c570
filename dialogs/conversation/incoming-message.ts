import type { Activity } from 'botbuilder';

/** Longer messages are cut here: a question never needs more, and it keeps every step fast. */
export const MAX_MESSAGE_LENGTH = 1000;

export type IncomingMessage =
  | { kind: 'text'; text: string; truncated: boolean; hadAttachments: boolean }
  | { kind: 'attachments-only' }
  | { kind: 'empty' }
  | { kind: 'emoji-only'; text: string };

const TAG = /<\/?[a-z][^>]*>/gi;
// Script and style elements are code, not words: their content goes with their tags.
const CODE_ELEMENT = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };
// Zero-width characters and controls other than line breaks.
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u2060\ufeff]/g;

/** Reads what a young person sent: plain text without markup or invisible characters, and what kind of input it is. */
export function readIncoming(activity: Partial<Activity>): IncomingMessage {
  const hadAttachments = (activity.attachments ?? []).length > 0;
  const raw = typeof activity.text === 'string' ? activity.text : '';
  const plain = raw
    .replace(CODE_ELEMENT, ' ')
    .replace(TAG, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity] ?? ' ')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length === 0) return hadAttachments ? { kind: 'attachments-only' } : { kind: 'empty' };
  if (!/[\p{L}\p{N}]/u.test(plain)) return { kind: 'emoji-only', text: plain };
  const truncated = plain.length > MAX_MESSAGE_LENGTH;
  return { kind: 'text', text: truncated ? plain.slice(0, MAX_MESSAGE_LENGTH) : plain, truncated, hadAttachments };
}
