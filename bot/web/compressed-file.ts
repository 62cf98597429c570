import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import Negotiator from 'negotiator';

/** A static file kept in memory as sent, plus its Brotli and gzip forms, compressed once. */
export interface CompressedFile {
  type: string;
  /** Short content hash, part of the file's address so it can be cached for good. */
  hash: string;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

// The same bundle is compressed once per process, however many servers a test suite starts.
const compressed = new Map<string, CompressedFile>();

export function compressedVariants(body: Buffer | string, type: string): CompressedFile {
  const identity = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, 12);
  const key = `${hash} ${type}`;
  let file = compressed.get(key);
  if (!file) {
    // Brotli quality 9: 0.71 MB for Web Chat in about 0.4 s; 11 saves 10 % more but takes 10 s at each start.
    const br = brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } });
    file = { type, hash, identity, br, gzip: gzipSync(identity, { level: 9 }) };
    compressed.set(key, file);
  }
  return file;
}

interface PreferringNegotiator {
  encoding(available: readonly string[], options: { preferred: readonly string[] }): string | undefined;
}

/** The form the browser prefers among those it accepts (Accept-Encoding), Brotli first on a tie. */
export function negotiate(file: CompressedFile, acceptEncoding: string): { body: Buffer; encoding?: 'br' | 'gzip' } {
  // negotiator 1.x takes the server's preference order; its published types describe 0.6.
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }) as unknown as PreferringNegotiator;
  const choice = negotiator.encoding(['br', 'gzip', 'identity'], { preferred: ['br', 'gzip', 'identity'] });
  if (choice === 'br') return { body: file.br, encoding: 'br' };
  if (choice === 'gzip') return { body: file.gzip, encoding: 'gzip' };
  return { body: file.identity };
}
