/**
 * What a client sends, made safe to store and to read back: PostgreSQL's jsonb refuses the NUL character and
 * lone UTF-16 surrogates, and code that walks a value recursively can run out of stack on absurd nesting.
 * Strings lose NUL and get U+FFFD for a lone surrogate; too deep or too big a value is refused.
 */
export const MAX_JSON_DEPTH = 32;
export const MAX_JSON_NODES = 20_000;

export class UnstorableJson extends Error {}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function storableString(text: string): string {
  return text.replace(/\u0000/g, '').replace(LONE_SURROGATE, '\ufffd');
}

export function storableJson<T>(value: T): T {
  let nodes = 0;
  const walk = (v: unknown, depth: number): unknown => {
    if (++nodes > MAX_JSON_NODES) throw new UnstorableJson('too many values');
    if (depth > MAX_JSON_DEPTH) throw new UnstorableJson('nested too deeply');
    if (typeof v === 'string') return storableString(v);
    if (Array.isArray(v)) return v.map((item) => walk(item, depth + 1));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(v)) out[storableString(key)] = walk(item, depth + 1);
      return out;
    }
    return v;
  };
  return walk(value, 0) as T;
}
