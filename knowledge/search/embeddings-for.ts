import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { LocalEmbeddings } from './local-embeddings.js';
import type { TextAnalyzer } from './text-analyzer.js';

/** An OpenAI-compatible embeddings endpoint (OPENAI_* settings); local embeddings otherwise. */
export interface RemoteEmbeddingsSettings {
  apiKey: string;
  baseUrl?: string;
  model: string;
  timeoutMs?: number;
}

/**
 * The embeddings of a content: the remote model when one is set, else the local ones weighted by the content's
 * word rarities (the same on the thread that builds the index and on the one that searches it).
 */
export async function embeddingsFor(remote: RemoteEmbeddingsSettings | undefined, analyzer: TextAnalyzer, idf: ReadonlyMap<string, number> | undefined): Promise<EmbeddingsInterface> {
  if (!remote) return new LocalEmbeddings(analyzer, idf);
  const { OpenAIEmbeddings } = await import('@langchain/openai');
  return new OpenAIEmbeddings({
    model: remote.model,
    apiKey: remote.apiKey,
    encodingFormat: 'float',
    // Like the chat model: a bounded wait and one retry, then the failure is loud and the lexical search answers.
    timeout: remote.timeoutMs,
    maxRetries: 1,
    configuration: remote.baseUrl ? { baseURL: remote.baseUrl } : undefined,
  });
}

/** Names the embeddings in the content hash: an index built with other embeddings is never reused. */
export function embeddingsId(remote: RemoteEmbeddingsSettings | undefined): string {
  return remote ? `openai:${remote.baseUrl ?? ''}:${remote.model}` : 'local';
}
