import MarkdownIt from 'markdown-it';
import { composeExtractive } from '../../knowledge/answer/extractive-composer.js';
import type { Entry } from '../../knowledge/content/entry.js';

/**
 * Web Chat's Markdown settings (botframework-webchat's renderMarkdown), so the preview reads as a phone shows
 * the answer; but no raw HTML: a draft is an editor's text, and the page shows this HTML as is.
 */
const markdown = new MarkdownIt({ html: false, breaks: false, linkify: true, typographer: true, xhtmlOut: true });

/**
 * The answer a young person would get from a draft entry, as HTML: the short answer (the default) or the one
 * "plus de détails" gives. markdown-it escapes every tag and refuses javascript: and data: links.
 */
export function phonePreview(entry: Entry, details: boolean): string {
  return asOnPhone(composeExtractive(entry, { details }));
}

/** A reply's Markdown as HTML, as Web Chat renders it (every tag in the text escaped). */
export function asOnPhone(text: string): string {
  return markdown.render(text);
}
