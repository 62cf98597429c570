import type { ChatOpenAI } from '@langchain/openai';
import type { Entry } from '../content/entry.js';
import { checkGrounding, type GroundingResult } from './grounding-check.js';

export interface LlmSettings {
  apiKey: string;
  baseUrl?: string;
  model: string;
  timeoutMs: number;
}

const SYSTEM = [
  "Tu es Relais, un assistant pour des jeunes de 18 à 25 ans qui sortent de l'aide sociale à l'enfance (ASE) en France.",
  'Réponds en français simple, en tutoyant, en 3 à 5 phrases courtes.',
  'Utilise UNIQUEMENT les fiches fournies. Après chaque phrase, cite la fiche utilisée entre crochets avec son identifiant, par exemple [garantie-visale].',
  "N'écris aucun chiffre, montant, numéro de téléphone ou lien qui n'est pas écrit dans la fiche citée.",
  'Si les fiches ne répondent pas à la question, réponds seulement : JE_NE_SAIS_PAS',
].join('\n');

/**
 * Rewrites an answer from the retrieved entries only, through any OpenAI-compatible endpoint.
 * The caller keeps the extractive answer: this returns undefined on any doubt (error, timeout, unchecked claim).
 */
export class LlmComposer {
  private constructor(
    private readonly settings: LlmSettings,
    private readonly chat: ChatOpenAI,
  ) {}

  /** The OpenAI client is loaded only when a model is configured: most installs run without one. */
  static async create(settings: LlmSettings): Promise<LlmComposer> {
    const { ChatOpenAI } = await import('@langchain/openai');
    const chat = new ChatOpenAI({
      model: settings.model,
      apiKey: settings.apiKey,
      temperature: 0.1,
      maxRetries: 0,
      timeout: settings.timeoutMs,
      configuration: settings.baseUrl ? { baseURL: settings.baseUrl } : undefined,
    });
    return new LlmComposer(settings, chat);
  }

  /** The question in plain French, or undefined (error, timeout, nothing usable): the caller keeps "not sure". */
  rewrite(question: string): Promise<string | undefined> {
    return rewriteQuestion(this.chat, question, this.settings.timeoutMs);
  }

  async compose(question: string, entries: Entry[]): Promise<{ text: string; grounding: GroundingResult } | { failure: string }> {
    const context = entries
      .map((e) => [`### [${e.id}] ${e.title}`, e.answer, e.body, ...e.contacts.map((c) => `Contact : ${c.label} ${c.phone ?? ''} ${c.url ?? ''} ${c.hours ?? ''}`)].join('\n'))
      .join('\n\n');
    let content: string;
    try {
      const response = await withTimeout(
        this.chat.invoke([
          { role: 'system', content: SYSTEM },
          { role: 'user', content: `Fiches :\n\n${context}\n\nQuestion du jeune : ${question}` },
        ]),
        this.settings.timeoutMs,
      );
      content = typeof response.content === 'string' ? response.content : response.content.map((part) => ('text' in part ? String(part.text) : '')).join('');
    } catch (error) {
      return { failure: error instanceof TimeoutError ? 'timeout' : `model error: ${(error as Error).message.slice(0, 120)}` };
    }
    if (content.includes('JE_NE_SAIS_PAS')) return { failure: 'model does not know' };
    const grounding = checkGrounding(content, new Map(entries.map((e) => [e.id, e])));
    if (!grounding.ok) return { failure: `grounding: ${grounding.problems.join('; ')}` };
    return { text: content.trim(), grounding };
  }
}

const REWRITE = [
  "Tu reformules la question d'un jeune pour un moteur de recherche de fiches sur ses droits en France.",
  'Écris-la en français standard, sans fautes ni abréviations, en une seule phrase courte, sans rien ajouter ni répondre.',
  "Garde exactement le sens, les négations et les lieux. Réponds seulement par la question reformulée.",
].join('\n');

/** On a question the search did not understand: the model rewrites it in plain French, to search again. */
export async function rewriteQuestion(chat: ChatOpenAI, question: string, timeoutMs: number): Promise<string | undefined> {
  try {
    const response = await withTimeout(
      chat.invoke([
        { role: 'system', content: REWRITE },
        { role: 'user', content: question },
      ]),
      timeoutMs,
    );
    const text = (typeof response.content === 'string' ? response.content : '').trim().split('\n')[0]?.slice(0, 300);
    return text && !text.includes('JE_NE_SAIS_PAS') ? text : undefined;
  } catch {
    return undefined;
  }
}

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}
