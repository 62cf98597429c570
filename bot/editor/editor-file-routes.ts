import type { Request, Server } from 'restify';
import { checkContentFile, contentFileKind, readContentFile } from '../../knowledge/content/content-file.js';
import { MENU_FILE } from '../../knowledge/content/menu.js';
import { departementByCode } from '../../knowledge/territory/departements.js';
import { publishChecked, revertPublication, type PublisherDeps } from './content-publisher.js';
import { versionView } from './entry-versions.js';
import { EditorError, editorJsonBody as json, type editorRoute } from './editor-request.js';

const BASE = '/editor/api/files';

interface FileRoutesDeps extends PublisherDeps {
  route: ReturnType<typeof editorRoute>;
  today: () => string;
}

/**
 * The editors' API for the content that is not an entry: each département's directory of places
 * (`directory/<code>.yaml`) and the theme menu with the age rules (`menu.yaml`). Edited as their YAML text,
 * checked as kb:check checks them, published, versioned and undone like entries (the version's key is the file).
 * The file is named by `?path=`, relative to the knowledge folder; nothing else can be read or written here.
 */
export function registerFileRoutes(server: Server, deps: FileRoutesDeps): void {
  const { route } = deps;

  server.get(
    BASE,
    route(async () => {
      const directory = deps.knowledge.directoryFiles().map((d) => ({ file: d.file, kind: 'directory', label: `Lieux : ${departementByCode(d.departement)?.nom ?? d.departement} (${d.departement})`, places: d.places }));
      return { body: [{ file: MENU_FILE, kind: 'menu', label: 'Menu des thèmes et règles d’âge' }, ...directory] };
    }),
  );

  server.get(
    `${BASE}/content`,
    route(async (req) => {
      const file = fileOf(req);
      const text = readContentFile(deps.knowledge.folder, file);
      return { body: { file, kind: contentFileKind(file), exists: text !== undefined, text: text ?? newFileText(file) } };
    }),
  );

  server.post(
    `${BASE}/check`,
    json,
    route(async (req) => {
      const file = fileOf(req);
      return { body: { file, issues: checkContentFile(deps.knowledge.folder, file, textOf(req), deps.today()).issues.map(({ line, severity, message }) => ({ line, severity, message })) } };
    }),
  );

  server.put(
    `${BASE}/content`,
    json,
    route(
      async (req, signed) => {
        const file = fileOf(req);
        const created = readContentFile(deps.knowledge.folder, file) === undefined;
        return publishChecked(deps, file, checkContentFile(deps.knowledge.folder, file, textOf(req), deps.today()), signed, 'entry_published', created);
      },
      { mutation: true },
    ),
  );

  server.get(
    `${BASE}/versions`,
    route(async (req) => {
      return { body: (await deps.versions.list(fileOf(req))).map(versionView) };
    }),
  );

  server.post(
    `${BASE}/revert`,
    json,
    route(async (req, signed) => revertPublication(deps, fileOf(req), String(((req.body ?? {}) as { versionId?: unknown }).versionId ?? ''), signed, deps.today()), { mutation: true }),
  );
}

/** `?path=`: a directory file or the menu, nothing else (entries have their own routes). */
function fileOf(req: Request): string {
  const file = String((req.query as { path?: unknown } | undefined)?.path ?? '');
  const kind = contentFileKind(file);
  if (kind !== 'directory' && kind !== 'menu') throw new EditorError(400, 'bad_path', 'Fichier inconnu : choisis le menu ou le fichier de lieux d’un département (directory/93.yaml).');
  if (kind === 'directory' && !departementByCode(file.slice('directory/'.length, -'.yaml'.length))) throw new EditorError(400, 'bad_path', 'Ce département n’existe pas.');
  return file;
}

function textOf(req: Request): string {
  const text = ((req.body ?? {}) as { text?: unknown }).text;
  if (typeof text !== 'string' || text.length > 200_000) throw new EditorError(400, 'bad_request', 'Envoie { text: "..." } (200 000 caractères au plus).');
  return text;
}

/** The start of a département's directory file that does not exist yet. */
function newFileText(file: string): string {
  const code = file.slice('directory/'.length, -'.yaml'.length);
  return `# Lieux pour les jeunes sortant de l'ASE : ${departementByCode(code)?.nom ?? code} (${code}).\n# Une fiche par lieu, vérifiée sur sa page source le jour de verified_on (docs/knowledge-format.md, « Directory »).\ndepartement: "${code}"\nrecords: []\n`;
}
