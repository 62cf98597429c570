import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { entrySchema, type Entry } from './entry.js';

/** The folders of entries under the knowledge folder: national by theme, and local by département. */
export const CONTENT_FOLDERS = ['entries', 'local'];

export interface ContentIssue {
  file: string;
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface LoadedContent {
  entries: Entry[];
  issues: ContentIssue[];
  /** Raw text of every file, for the content hash. */
  sources: Array<{ file: string; text: string }>;
}

export function markdownFiles(dir: string): string[] {
  let out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out = out.concat(markdownFiles(full));
    else if (name.endsWith('.md') && name !== 'README.md') out.push(full);
  }
  return out;
}

/** Reads and validates every entry file under the given folders; invalid entries are reported, not loaded. */
export function loadEntries(root: string, folders: string[]): LoadedContent {
  const entries: Entry[] = [];
  const issues: ContentIssue[] = [];
  const sources: LoadedContent['sources'] = [];
  for (const folder of folders) {
    for (const full of markdownFiles(path.join(root, folder))) {
      const file = path.relative(root, full);
      const text = readFileSync(full, 'utf8');
      sources.push({ file, text });
      const parsed = parseEntry(file, text);
      issues.push(...parsed.issues);
      if (parsed.entry) entries.push(parsed.entry);
    }
  }
  return { entries, issues, sources };
}

/** Parses one file; issues carry the line of the front-matter key they are about. */
export function parseEntry(file: string, text: string): { entry?: Entry; issues: ContentIssue[] } {
  const issues: ContentIssue[] = [];
  if (!text.startsWith('---')) return { issues: [{ file, line: 1, severity: 'error', message: 'missing front matter (the file must start with ---)' }] };
  let data: Record<string, unknown>;
  let body: string;
  let matterText: string;
  try {
    // Options given on purpose: without them gray-matter returns a cached object that lacks the raw front matter.
    const result = matter(text, {});
    data = result.data;
    body = result.content.trim();
    matterText = result.matter;
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    return { issues: [{ file, line: (mark?.line ?? 0) + 1, severity: 'error', message: `front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}` }] };
  }
  const lineOf = keyLines(matterText);
  const result = entrySchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '');
      issues.push({ file, line: lineOf(key), severity: 'error', message: `${issue.path.join('.') || 'front matter'}: ${issue.message}` });
    }
    return { issues };
  }
  const front = result.data;
  const expectedName = `${front.id}.md`;
  if (path.basename(file) !== expectedName) issues.push({ file, line: lineOf('id'), severity: 'error', message: `id "${front.id}" does not match the file name (expected ${expectedName})` });
  if (body.length < 20) issues.push({ file, line: 1, severity: 'error', message: 'the body (details) is missing or too short' });
  const departements = front.scope === 'national' ? undefined : front.scope.map((c) => c.toUpperCase());
  const fieldLines = Object.fromEntries(['id', 'scope', 'questions', 'answer', 'contacts', 'sources', 'verified_on', 'review_by', 'related', 'status', 'amounts', 'directory'].map((k) => [k, lineOf(k)]));
  return { entry: { ...front, body, file, departements, fieldLines }, issues };
}

/** A top-level front-matter key: an unindented `key:` line (values on later lines are indented). */
export const TOP_LEVEL_KEY = /^([A-Za-z_][\w-]*)\s*:/;

/**
 * Maps a top-level front-matter key to its line in the file (front matter starts on line 2). A top-level key is
 * an unindented `key:` line (values on later lines are indented): a scan, not a second YAML parse, since this
 * runs for every entry at every start.
 */
function keyLines(matterText: string): (key: string) => number {
  const lines = new Map<string, number>();
  matterText.split('\n').forEach((line, index) => {
    const key = TOP_LEVEL_KEY.exec(line)?.[1];
    if (key && !lines.has(key)) lines.set(key, index + 1);
  });
  // matter() strips the leading "---\n" and maybe a blank line: offset by one for the opening fence.
  const offset = matterText.startsWith('\n') ? 0 : 1;
  return (key) => (lines.get(key) ?? 0) + offset;
}
