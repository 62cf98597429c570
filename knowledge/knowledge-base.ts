import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { citationOf, type Answer, type RelatedQuestion } from './answer/answer.js';
import { answerTextFr, frenchDate } from './answer/answer-text-fr.js';
import { composeExtractive } from './answer/extractive-composer.js';
import { LlmComposer, type LlmSettings } from './answer/llm-composer.js';
import type { Entry } from './content/entry.js';
import { CONTENT_FOLDERS, loadEntries, type ContentIssue } from './content/load-entries.js';
import { answerDecision } from './answer/answer-policy.js';
import { EntryRanker } from './search/entry-ranker.js';
import { HybridRetriever, type Retrieval, type RetrievalMode } from './search/hybrid-retriever.js';
import { LexicalIndex } from './search/lexical-index.js';
import { projectPath } from './project-path.js';
import { readSearchCache } from './search/search-cache.js';
import { analyzerOf, buildIndexesOffThread } from './search/index-builder.js';
import { embeddingsFor, embeddingsId, type RemoteEmbeddingsSettings } from './search/embeddings-for.js';
import { VectorIndex } from './search/vector-index.js';
import { directoryEntries } from './territory/directory-entries.js';
import { DIRECTORY_FOLDER, loadDirectory, type LoadedDirectory } from './directory/load-directory.js';
import { LocalDirectory } from './directory/local-directory.js';
import { checkMenu, loadMenu, type LoadedMenu, type Menu } from './content/menu.js';
import { nearbyBlock } from './answer/nearby-block.js';
import { statusNotice } from './answer/fiche-text.js';

/** Bump when the way indexes are built changes, so old ones are rebuilt. */
const INDEX_FORMAT = 'relais-index-v4';

export { CONFIDENCE_THRESHOLD } from './answer/answer-policy.js';

export const KNOWLEDGE_DIR = projectPath('knowledge');
/** The sources whose code decides what the indexes hold (relative to the project). */
const SEARCH_CODE = ['knowledge/search', 'knowledge/territory']
  .flatMap((folder) => readdirSync(projectPath(folder)).filter((name) => name.endsWith('.ts')).sort().map((name) => `${folder}/${name}`));
export { CONTENT_FOLDERS } from './content/load-entries.js';

export interface KnowledgeOptions {
  knowledgeDir?: string;
  /** Where indexes are kept (DATA_DIR/index). */
  indexDir: string;
  /** OpenAI-compatible endpoint for embeddings; local embeddings otherwise. */
  openAiEmbeddings?: RemoteEmbeddingsSettings;
  llm?: LlmSettings;
  onProgress?: (done: number, total: number) => void;
  log?: (message: string, data?: Record<string, unknown>) => void;
}

export interface AnswerOptions {
  departement?: string;
  /** The young person's commune, when they named it: the directory's places serving it come first. */
  commune?: string;
  /** Show the entry's details too ("plus de détails"). */
  details?: boolean;
  /** Answer from this entry (a button the young person pressed). */
  entryId?: string;
  mode?: RetrievalMode;
}

interface Loaded {
  hash: string;
  entries: Map<string, Entry>;
  retriever: HybridRetriever;
  issues: ContentIssue[];
  /** The places of knowledge/directory and the menu, apart from the indexes: editing them rebuilds nothing. */
  directory: LocalDirectory;
  menu: Menu;
  extrasHash: string;
}

/** The knowledge boundary: curated entries in, cited answers out. Independent of botbuilder. */
export class KnowledgeBase {
  private current!: Loaded;
  private watcher?: FSWatcher;
  private constructor(
    private readonly options: KnowledgeOptions & { knowledgeDir: string },
    private readonly llm: LlmComposer | undefined,
  ) {}

  /** Loads the content and its indexes, building them when the content changed. */
  static async open(options: KnowledgeOptions): Promise<KnowledgeBase> {
    const kb = new KnowledgeBase({ ...options, knowledgeDir: options.knowledgeDir ?? KNOWLEDGE_DIR }, options.llm ? await LlmComposer.create(options.llm) : undefined);
    kb.current = await kb.load();
    return kb;
  }

  /** The knowledge folder this base answers from (editors publish there). */
  get folder(): string {
    return this.options.knowledgeDir;
  }

  get contentHash(): string {
    return this.current.hash;
  }

  get issues(): ContentIssue[] {
    return this.current.issues;
  }

  entries(): Entry[] {
    return [...this.current.entries.values()];
  }

  /** Failures since start, for /readyz: answers still go out (lexical or extractive), but someone must know. */
  readonly failures = { vector: 0, llm: 0, lastVectorError: undefined as string | undefined, lastLlmFailure: undefined as string | undefined };

  entry(id: string): Entry | undefined {
    return this.current.entries.get(id);
  }

  titleOf(id: string): string | undefined {
    return this.current.entries.get(id)?.title;
  }

  labelOf(id: string): string | undefined {
    const entry = this.current.entries.get(id);
    return entry?.short_title ?? entry?.title;
  }

  retrieve(question: string, options: Parameters<HybridRetriever['retrieve']>[1] = {}): Promise<Retrieval> {
    return this.current.retriever.retrieve(question, options);
  }

  async answer(question: string, options: AnswerOptions = {}): Promise<Answer> {
    // One content for the whole answer: a reload during its awaits must not mix two versions of the base.
    const current = this.current;
    let retrieval = await current.retriever.retrieve(question, { departement: options.departement, mode: options.mode });
    const chosen = options.entryId ? current.entries.get(options.entryId) : undefined;
    // With a model: a question the search did not understand is rewritten in plain French and searched again;
    // the better of the two searches is kept, and the answer still goes through the same checks.
    if (!chosen && this.llm && answerDecision(retrieval.results[0]?.entry, retrieval.confidence) !== 'answer') {
      const rewritten = await this.llm.rewrite(question);
      if (rewritten && rewritten !== question) {
        const second = await current.retriever.retrieve(rewritten, { departement: options.departement, mode: options.mode });
        if (second.confidence > retrieval.confidence) {
          this.options.log?.('question rewritten by the model', { confidence: Number(second.confidence.toFixed(2)) });
          retrieval = second;
        }
      }
    }
    const top = chosen ?? retrieval.results[0]?.entry;
    const confidence = chosen ? 1 : retrieval.confidence;
    const base = { confidence, results: retrieval.results, asksForPlace: retrieval.asksForPlace };
    const decision = chosen ? 'answer' : answerDecision(top, confidence);
    if (!top || decision !== 'answer') {
      return { ...base, text: '', confident: false, doubt: decision === 'serious-doubt' ? 'serious' : undefined, citations: [], related: relatedFor(current, undefined, retrieval), composedBy: 'none' };
    }
    const related = relatedFor(current, top, retrieval);
    if (this.llm && !options.details && !chosen) {
      const candidates = retrieval.results.slice(0, 3).map((r) => r.entry);
      const composed = await this.llm.compose(question, candidates);
      if ('text' in composed) {
        const cited = composed.grounding.citedIds.map((id) => current.entries.get(id)!);
        const sources = cited.map((e) => `- [${e.sources[0]!.publisher}](${e.sources[0]!.url}), vérifié le ${frenchDate(e.verified_on)}`).join('\n');
        const nearby = nearbyFor(current, top, options);
        return { ...base, text: [statusNotice(top), `${composed.text}\n\n_${answerTextFr.sources} :_\n${sources}`, nearby.block].filter(Boolean).join('\n\n'), asksForCommune: nearby.asksForCommune, confident: true, citations: cited.map(citationOf), related, entry: top, composedBy: 'llm' };
      }
      this.failures.llm += 1;
      this.failures.lastLlmFailure = String(composed.failure).slice(0, 200);
      this.options.log?.('llm answer rejected, extractive answer sent', { reason: composed.failure, failures: this.failures.llm });
    }
    const nearby = nearbyFor(current, top, options);
    return { ...base, text: [composeExtractive(top, { details: options.details }), nearby.block].filter(Boolean).join('\n\n'), asksForCommune: nearby.asksForCommune, confident: true, citations: [citationOf(top)], related, entry: top, composedBy: 'extractive' };
  }

  /**
   * What the base would do with a question, in short: the entry it would answer from, or null when it would
   * pass the question to a person. The search and the answer policy only (no model), to compare two contents.
   */
  async decision(question: string, departement?: string): Promise<string | null> {
    const retrieval = await this.current.retriever.retrieve(question, { departement });
    const top = retrieval.results[0]?.entry;
    return top && answerDecision(top, retrieval.confidence) === 'answer' ? top.id : null;
  }

  /**
   * A base answering from this content with some files replaced or added: what an edit would change, before
   * it is published. Built from a copy of the folder (the live one is never touched), its indexes on a worker
   * thread, in their own folder (only the latest candidate's is kept); no model composes its answers.
   */
  async candidate(changes: ReadonlyArray<{ file: string; text: string }>): Promise<KnowledgeBase> {
    const copy = mkdtempSync(path.join(os.tmpdir(), 'relais-candidate-'));
    try {
      cpSync(this.options.knowledgeDir, copy, { recursive: true, filter: (source) => !source.includes(`${path.sep}.git`) });
      for (const change of changes) {
        const full = path.resolve(copy, change.file);
        if (path.relative(copy, full).startsWith('..')) throw new Error(`candidate(): ${change.file} is outside the knowledge folder`);
        mkdirSync(path.dirname(full), { recursive: true });
        writeFileSync(full, change.text);
      }
      return await KnowledgeBase.open({ ...this.options, knowledgeDir: copy, indexDir: path.join(this.options.indexDir, 'candidates'), llm: undefined, onProgress: undefined });
    } finally {
      // Everything the candidate needs is in memory once it is open.
      rmSync(copy, { recursive: true, force: true });
    }
  }

  /** The directory's files (one per département), with how many valid places each holds now. */
  directoryFiles(): Array<{ file: string; departement: string; places: number }> {
    const folder = path.join(this.options.knowledgeDir, DIRECTORY_FOLDER);
    const names = existsSync(folder) ? readdirSync(folder).filter((n) => n.endsWith('.yaml')).sort() : [];
    return names.map((name) => {
      const departement = path.basename(name, '.yaml').toUpperCase();
      return { file: `${DIRECTORY_FOLDER}/${name}`, departement, places: this.current.directory.countIn(departement) };
    });
  }

  /** The theme buttons and the age rules of knowledge/menu.yaml. */
  menu(): Menu {
    return this.current.menu;
  }

  /** The last reload that failed, while the previous content is still served; undefined once one succeeds. */
  reloadFailure: { at: string; error: string } | undefined;
  private reloading: Promise<unknown> = Promise.resolve();

  /**
   * Reloads when the content on disk changed (editors publish without a restart). Reloads run one after the
   * other, never two at once (each would delete the index the other is building). When one fails, the
   * previous content keeps being served and the failure is kept for /readyz.
   */
  reloadIfChanged(): Promise<boolean> {
    const next = this.reloading.then(() => this.reloadNow());
    this.reloading = next.catch(() => undefined);
    return next.then(
      (changed) => {
        this.reloadFailure = undefined;
        return changed;
      },
      (error: unknown) => {
        this.reloadFailure = { at: new Date().toISOString(), error: error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200) };
        this.options.log?.('knowledge reload failed: the previous content is still served', { error: this.reloadFailure.error });
        throw error;
      },
    );
  }

  private async reloadNow(): Promise<boolean> {
    const read = this.readContent();
    if (this.computeHash(read) === this.current.hash) {
      if (extrasHash(read) === this.current.extrasHash) return false;
      this.current = { ...this.current, ...extrasParts(read), issues: [...read.content.issues, ...extrasIssues(read, new Set(this.current.entries.keys()))] };
      this.options.log?.('directory and menu reloaded', { places: this.current.directory.size, themes: this.current.menu.themes.length });
      return true;
    }
    this.current = await this.load(read);
    this.options.log?.('knowledge base reloaded', { hash: this.current.hash.slice(0, 12), entries: this.current.entries.size });
    // An invalid entry or place is left out, never silently: the editors' files and messages (content, not people's data).
    const errors = this.current.issues.filter((i) => i.severity === 'error');
    if (errors.length > 0) this.options.log?.('knowledge content left out: fix it and run npm run kb:check', { errors: errors.slice(0, 20).map((i) => `${i.file}:${i.line}: ${i.message}`) });
    return true;
  }

  /** Watches knowledge/ and reloads a moment after a change. */
  watch(): void {
    let timer: NodeJS.Timeout | undefined;
    this.watcher = watch(this.options.knowledgeDir, { recursive: true }, () => {
      clearTimeout(timer);
      // A failure is logged and kept by reloadIfChanged(); the previous content stays.
      timer = setTimeout(() => void this.reloadIfChanged().catch(() => undefined), 300);
    });
  }

  close(): void {
    this.watcher?.close();
  }

  private readContent() {
    const content = loadEntries(this.options.knowledgeDir, CONTENT_FOLDERS);
    const lexiconFile = path.join(this.options.knowledgeDir, 'lexicon.yaml');
    const lexiconText = existsSync(lexiconFile) ? readFileSync(lexiconFile, 'utf8') : '';
    return { content, lexiconText, directory: loadDirectory(this.options.knowledgeDir), menu: loadMenu(this.options.knowledgeDir) };
  }

  private computeHash({ content, lexiconText }: ReturnType<KnowledgeBase['readContent']>): string {
    const hash = createHash('sha256').update(INDEX_FORMAT).update(embeddingsId(this.options.openAiEmbeddings));
    for (const source of content.sources) hash.update(source.file).update('\0').update(source.text).update('\0');
    // The code that builds the indexes too: a change to it rebuilds them (the TypeScript, also when dist/ runs).
    for (const file of SEARCH_CODE) hash.update(file).update('\0').update(readFileSync(projectPath(file))).update('\0');
    return hash.update(lexiconText).digest('hex');
  }

  private async load(read = this.readContent()): Promise<Loaded> {
    const hash = this.computeHash(read);
    const curated = read.content.entries;
    const entries = [...curated, ...directoryEntries(curated)];
    const analyzer = analyzerOf(read.lexiconText);
    const directory = path.join(this.options.indexDir, hash.slice(0, 16));
    const input = { entries, lexiconText: read.lexiconText, remoteEmbeddings: this.options.openAiEmbeddings };
    const readIndexes = async () => {
      const cached = readSearchCache(directory);
      const vector = cached && (await VectorIndex.load(directory, await embeddingsFor(this.options.openAiEmbeddings, analyzer, cached.idf)).catch(() => undefined));
      return cached && vector ? { cached, vector } : undefined;
    };
    let indexes = await readIndexes();
    if (!indexes) {
      // Built off the answering thread: a publication rebuilds the indexes while conversations go on. A folder
      // that cannot be read (a disk filled up, a file removed by hand) is built again, not a reason to stop.
      rmSync(directory, { recursive: true, force: true });
      await buildIndexesOffThread(input, directory, this.options.onProgress);
      this.removeOtherIndexes(directory);
      this.options.log?.('search index built', { hash: hash.slice(0, 12), entries: entries.length });
      indexes = await readIndexes();
    }
    if (!indexes) throw new Error(`the search index just built in ${directory} cannot be read`);
    const { cached, vector } = indexes;
    const byId = new Map(entries.map((e) => [e.id, e]));
    const onVectorFailure = (error: unknown) => {
      this.failures.vector += 1;
      this.failures.lastVectorError = error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
      this.options.log?.('vector search failed, lexical answer only', { error: this.failures.lastVectorError, failures: this.failures.vector });
    };
    const retriever = new HybridRetriever(byId, LexicalIndex.fromJSON(cached.lexical, analyzer), vector, onVectorFailure, EntryRanker.fromData(cached.ranker, analyzer));
    return { hash, entries: byId, retriever, issues: [...read.content.issues, ...extrasIssues(read, new Set(byId.keys()))], ...extrasParts(read) };
  }

  private removeOtherIndexes(keep: string): void {
    for (const name of readdirSync(this.options.indexDir)) {
      const full = path.join(this.options.indexDir, name);
      // Only older search indexes (named by their content hash); other tenants of the folder stay. A build a
      // crash left half-done is removed once it is an hour old (a younger one may be another instance's).
      const stale = /^[0-9a-f]{16}\.building-/.test(name) && statSync(full).mtimeMs < Date.now() - 3_600_000;
      if ((full !== keep && /^[0-9a-f]{16}$/.test(name)) || stale) rmSync(full, { recursive: true, force: true });
    }
  }
}

type Extras = { directory: LoadedDirectory; menu: LoadedMenu };

/** The directory's files and the menu, hashed apart from the content the indexes are built from. */
function extrasHash({ directory, menu }: Extras): string {
  const hash = createHash('sha256');
  for (const source of directory.sources) hash.update(source.file).update('\0').update(source.text).update('\0');
  return hash.update('menu\0').update(menu.text).digest('hex');
}

function extrasParts(read: Extras): Pick<Loaded, 'directory' | 'menu' | 'extrasHash'> {
  return { directory: new LocalDirectory(read.directory.records), menu: read.menu.menu, extrasHash: extrasHash(read) };
}

function extrasIssues(read: Extras, entryIds: ReadonlySet<string>): ContentIssue[] {
  return [...read.directory.issues, ...read.menu.issues, ...checkMenu(read.menu, entryIds)];
}

/** The directory's places of the kinds the entry sends to, near the young person, to show under the answer. */
function nearbyFor(current: Loaded, entry: Entry, options: AnswerOptions): { block?: string; asksForCommune: boolean } {
  if (entry.directory.length === 0 || !options.departement) return { asksForCommune: false };
  const found = current.directory.nearby(entry.directory, options.departement, options.commune);
  // A generated entry is itself the list of official search pages: nothing to add when no place is checked.
  if (found.places.length === 0 && found.narrowableBy === 0 && entry.file.startsWith('generated:')) return { asksForCommune: false };
  return { block: nearbyBlock(found, entry.directory), asksForCommune: found.narrowableBy > 0 };
}

/** Buttons after an answer: what exists instead of an ended aid, the editors' picks, then the search's neighbours. */
function relatedFor(current: Loaded, top: Entry | undefined, retrieval: Retrieval): RelatedQuestion[] {
  const curated = [...(top?.status?.instead ?? []), ...(top?.related ?? [])];
  const ids = [...curated, ...retrieval.results.map((r) => r.entry.id)];
  const seen = new Set<string>(top ? [top.id] : []);
  const related: RelatedQuestion[] = [];
  for (const id of ids) {
    const entry = current.entries.get(id);
    if (!entry || seen.has(id)) continue;
    const fromSearch = !curated.includes(id);
    if (entry.departements && !retrieval.results.some((r) => r.entry.id === id)) continue;
    // Search neighbours are offered only when they are about the same theme, never a random one.
    if (fromSearch && top && entry.theme !== top.theme && !entry.departements) continue;
    seen.add(id);
    related.push({ entryId: id, label: entry.short_title ?? entry.title });
    if (related.length === 3) break;
  }
  return related;
}
