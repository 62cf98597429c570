import type { Server } from 'restify';
import { projectPath } from '../../knowledge/project-path.js';
import { registerStaticPage } from '../server/static-page.js';

/** The editors' page at /editor: static HTML, CSS and one script over /editor/api, no build step. */
export function registerEditorPage(server: Server): void {
  registerStaticPage(server, '/editor', projectPath('bot', 'editor', 'public'), ['messages-fr.js', 'editor.js', 'editor.css']);
}
