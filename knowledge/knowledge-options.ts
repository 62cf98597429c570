import path from 'node:path';
import type { KnowledgeOptions } from './knowledge-base.js';

/** The subset of settings knowledge/ needs, so it never reads configuration itself. */
export interface KnowledgeSettings {
  DATA_DIR: string;
  INDEX_DIR?: string;
  KNOWLEDGE_DIR?: string;
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  OPENAI_CHAT_MODEL: string;
  OPENAI_EMBEDDING_MODEL?: string;
  OPENAI_TIMEOUT_MS: number;
}

export function knowledgeOptionsFrom(settings: KnowledgeSettings): KnowledgeOptions {
  const key = settings.OPENAI_API_KEY;
  return {
    knowledgeDir: settings.KNOWLEDGE_DIR,
    indexDir: settings.INDEX_DIR ?? path.join(settings.DATA_DIR, 'index'),
    openAiEmbeddings: key && settings.OPENAI_EMBEDDING_MODEL ? { apiKey: key, baseUrl: settings.OPENAI_BASE_URL, model: settings.OPENAI_EMBEDDING_MODEL, timeoutMs: settings.OPENAI_TIMEOUT_MS } : undefined,
    llm: key ? { apiKey: key, baseUrl: settings.OPENAI_BASE_URL, model: settings.OPENAI_CHAT_MODEL, timeoutMs: settings.OPENAI_TIMEOUT_MS } : undefined,
  };
}
