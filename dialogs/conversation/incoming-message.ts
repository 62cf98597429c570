import type { Activity } from 'botbuilder';

/** Longer messages are cut here: a question never needs more, and it keeps every step fast. */
export const MAX_MESSAGE_LENGTH = 1000;

export type IncomingMessage =
  | { kind: 'text'; text: string; truncated: boolean; hadAttachments: boolean }
  | { kind: 'attachments-only' }
  | { kind: 'empty' }
  | { kind: 'emoji-only'; text: string };

/**
 * Raw text beyond this is never looked at. Markup is stripped before the text is cut to MAX_MESSAGE_LENGTH, so
 * without this bound one huge message would cost time in proportion to its size; with it, every message costs the same.
 */
export const MAX_RAW_LENGTH = 10 * MAX_MESSAGE_LENGTH;

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };
// Zero-width characters and controls other than line breaks.
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u2060\ufeff]/g;

/** Reads what a young person sent: plain text without markup or invisible characters, and what kind of input it is. */
export function readIncoming(activity: Partial<Activity>): IncomingMessage {
  const hadAttachments = (activity.attachments ?? []).length > 0;
  const raw = typeof activity.text === 'string' ? activity.text : '';
  const cut = raw.length > MAX_RAW_LENGTH;
  const plain = stripTags(stripCodeElements(cut ? cutRaw(raw) : raw))
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity] ?? ' ')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length === 0) return hadAttachments ? { kind: 'attachments-only' } : { kind: 'empty' };
  if (!/[\p{L}\p{N}]/u.test(plain)) return { kind: 'emoji-only', text: plain };
  const truncated = cut || plain.length > MAX_MESSAGE_LENGTH;
  return { kind: 'text', text: plain.slice(0, MAX_MESSAGE_LENGTH), truncated, hadAttachments };
}

/** The first MAX_RAW_LENGTH code units of raw, without half an emoji (a lone surrogate) or half a tag at the end. */
function cutRaw(raw: string): string {
  const last = raw.charCodeAt(MAX_RAW_LENGTH - 1);
  const text = raw.slice(0, last >= 0xd800 && last <= 0xdbff ? MAX_RAW_LENGTH - 1 : MAX_RAW_LENGTH);
  const open = text.lastIndexOf('<');
  return open > text.lastIndexOf('>') && /^<\/?[a-z]/i.test(text.slice(open, open + 3)) ? text.slice(0, open) : text;
}

/**
 * Replaces each tag (`<b>`, `</p>`, `<a href="…">`) by a space: what /<\/?[a-z][^>]*>/gi does, in linear time.
 * (That regex scans to the end of the text from every '<' that no '>' follows, which is quadratic.)
 */
function stripTags(text: string): string {
  const tagStart = /<\/?[a-z]/gi;
  let out = '';
  let kept = 0;
  for (let start = tagStart.exec(text); start; start = tagStart.exec(text)) {
    const end = text.indexOf('>', tagStart.lastIndex);
    // No '>' after this '<': no tag can end, the rest is text.
    if (end === -1) break;
    out += `${text.slice(kept, start.index)} `;
    kept = end + 1;
    tagStart.lastIndex = kept;
  }
  return out + text.slice(kept);
}

/**
 * Script and style elements are code, not words: their content goes with their tags, replaced by a space.
 * What /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi does, in linear time: an element that is never closed is searched
 * for once, not again from every later opening tag; its tags are then stripped like any other.
 */
function stripCodeElements(text: string): string {
  const opening = /<(script|style)\b/gi;
  const neverClosed = new Set<string>();
  let out = '';
  let kept = 0;
  for (let open = opening.exec(text); open; open = opening.exec(text)) {
    const name = open[1]!.toLowerCase();
    if (neverClosed.has(name)) continue;
    const openEnd = text.indexOf('>', opening.lastIndex);
    if (openEnd === -1) break;
    const closing = new RegExp(`</${name}\\s*>`, 'gi');
    closing.lastIndex = openEnd + 1;
    if (!closing.exec(text)) {
      neverClosed.add(name);
      continue;
    }
    out += `${text.slice(kept, open.index)} `;
    kept = closing.lastIndex;
    opening.lastIndex = kept;
  }
  return out + text.slice(kept);
}
