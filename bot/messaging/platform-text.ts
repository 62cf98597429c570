import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.js';

/** How a platform writes what the bot's Markdown means. */
export interface TextStyle {
  /** Plain text as the platform needs it (Telegram's HTML escapes <, > and &; WhatsApp takes it as is). */
  escape(text: string): string;
  bold(inner: string): string;
  italic(inner: string): string;
  code(text: string): string;
  /** A link: its text and address. A tel: link becomes its number, which the apps make tappable themselves. */
  link(inner: string, href: string): string;
}

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true });

/**
 * The bot's Markdown (answers, référents' messages) in a platform's own formatting: paragraphs and line
 * breaks kept, bold and italics in its marks, links as it shows them, lists as bullets. Parsed by markdown-it,
 * as Web Chat parses it, so every channel reads the same text; raw HTML is text, never markup.
 */
export function toPlatformText(source: string, style: TextStyle): string {
  const blocks: Array<{ text: string; item: boolean }> = [];
  let list: Array<{ ordered: boolean; next: number }> = [];
  let prefix = '';
  let heading = false;
  for (const token of markdown.parse(source, {})) {
    if (token.type === 'heading_open') heading = true;
    else if (token.type === 'bullet_list_open') list = [...list, { ordered: false, next: 1 }];
    else if (token.type === 'ordered_list_open') list = [...list, { ordered: true, next: Number(token.attrGet('start') ?? 1) }];
    else if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') list = list.slice(0, -1);
    else if (token.type === 'list_item_open') {
      const current = list[list.length - 1]!;
      prefix = `${'  '.repeat(list.length - 1)}${current.ordered ? `${current.next++}.` : '•'} `;
    } else if (token.type === 'inline') {
      const text = inline(token.children ?? [], style);
      blocks.push({ text: `${prefix}${heading ? style.bold(text) : text}`, item: prefix !== '' });
      prefix = '';
      heading = false;
    } else if (token.type === 'fence' || token.type === 'code_block') blocks.push({ text: style.code(token.content.trimEnd()), item: false });
    else if (token.type === 'hr') blocks.push({ text: '———', item: false });
  }
  // List items follow each other line by line; other blocks are paragraphs apart.
  return blocks.map((block, i) => (i === 0 ? '' : block.item && blocks[i - 1]!.item ? '\n' : '\n\n') + block.text).join('');
}

function inline(tokens: Token[], style: TextStyle): string {
  // A stack of open marks, each collecting its inner text until it closes.
  const stack: Array<{ kind: string; href?: string; parts: string[] }> = [{ kind: 'root', parts: [] }];
  const top = () => stack[stack.length - 1]!;
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
        top().parts.push(style.escape(token.content));
        break;
      case 'softbreak':
      case 'hardbreak':
        top().parts.push('\n');
        break;
      case 'code_inline':
        top().parts.push(style.code(token.content));
        break;
      case 'strong_open':
      case 'em_open':
      case 'link_open':
        stack.push({ kind: token.type, href: token.attrGet('href') ?? undefined, parts: [] });
        break;
      case 'strong_close':
      case 'em_close':
      case 'link_close': {
        const mark = stack.length > 1 ? stack.pop()! : { kind: 'root', parts: [] };
        const inner = mark.parts.join('');
        top().parts.push(mark.kind === 'strong_open' ? style.bold(inner) : mark.kind === 'em_open' ? style.italic(inner) : style.link(inner, mark.href ?? ''));
        break;
      }
      default:
        if (token.content) top().parts.push(style.escape(token.content));
    }
  }
  while (stack.length > 1) {
    const open = stack.pop()!;
    top().parts.push(open.parts.join(''));
  }
  return top().parts.join('');
}

/**
 * A text cut into messages of at most `limit` characters: between paragraphs when it can, else between
 * lines, else between words; a cut never falls inside a paragraph that fits.
 */
export function splitMessage(text: string, limit: number): string[] {
  const messages: string[] = [];
  let current = '';
  const push = (piece: string, separator: string) => {
    if (current && current.length + separator.length + piece.length <= limit) current += separator + piece;
    else {
      if (current) messages.push(current);
      current = piece;
    }
  };
  for (const paragraph of text.split('\n\n')) {
    if (paragraph.length <= limit) {
      push(paragraph, '\n\n');
      continue;
    }
    for (const line of paragraph.split('\n')) {
      if (line.length <= limit) {
        push(line, current ? '\n' : '');
        continue;
      }
      for (const word of line.split(' ')) {
        for (let i = 0; i < word.length; i += limit) push(word.slice(i, i + limit), current ? ' ' : '');
      }
    }
  }
  if (current) messages.push(current);
  return messages;
}
