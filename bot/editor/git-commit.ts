import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Commits one published file when the knowledge folder is in a git work tree, with the editor as author, so the
 * history of the content stays reviewable in git. Only that file is committed, whatever else is staged. Returns the
 * commit's short hash, or undefined when the folder is not in a work tree.
 */
export async function commitPublishedFile(knowledgeDir: string, file: string, editor: { id: string; name: string }, message: string): Promise<string | undefined> {
  const git = (...args: string[]) => run('git', ['-C', knowledgeDir, '-c', 'user.name=Relais', '-c', 'user.email=relais@localhost', ...args], { timeout: 15_000 });
  const inside = await git('rev-parse', '--is-inside-work-tree').then(
    (r) => r.stdout.trim() === 'true',
    () => false,
  );
  if (!inside) return undefined;
  const full = path.join(knowledgeDir, file);
  await git('add', '--', full);
  // The name is the editor's; the address only tells git who it is among the accounts (no email is stored for them).
  await git('commit', '--quiet', `--author=${editor.name.replace(/[<>\n]/g, '')} <editor-${editor.id}@relais.invalid>`, '-m', message, '--', full);
  return (await git('rev-parse', '--short', 'HEAD')).stdout.trim();
}
