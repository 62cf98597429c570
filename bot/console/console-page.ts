import type { Server } from 'restify';
import { projectPath } from '../../knowledge/project-path.js';
import { registerStaticPage } from '../server/static-page.js';

/** The console page at /console: static HTML, CSS and one script, no build step. */
export function registerConsolePage(server: Server): void {
  registerStaticPage(server, '/console', projectPath('bot', 'console', 'public'), ['console.js', 'console.css']);
}
