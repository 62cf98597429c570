import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import Negotiator from 'negotiator';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** A static file kept in memory as sent, plus its Brotli and gzip forms, compressed once. */
export interface CompressedFile {
  type: string;
  /** Short content hash, part of the file's address so it can be cached for good. */
  hash: string;
  identity: Buffer;
  /** The compressed forms, made in libuv's thread pool off the main thread: a start does not wait for them, a request does. */
  variants: Promise<{ br: Buffer; gzip: Buffer }>;
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
    const variants = Promise.all([
      brotliAsync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
      gzipAsync(identity, { level: 9 }),
    ]).then(([br, gz]) => ({ br, gzip: gz }));
    // A failure surfaces in the requests that wait for it, not as an unhandled rejection at start.
    variants.catch(() => undefined);
    file = { type, hash, identity, variants };
    compressed.set(key, file);
  }
  return file;
}

interface PreferringNegotiator {
  encoding(available: readonly string[], options: { preferred: readonly string[] }): string | undefined;
}

/** The form the browser prefers among those it accepts (Accept-Encoding), Brotli first on a tie. */
export async function negotiate(file: CompressedFile, acceptEncoding: string): Promise<{ body: Buffer; encoding?: 'br' | 'gzip' }> {
  // negotiator 1.x takes the server's preference order; its published types describe 0.6.
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }) as unknown as PreferringNegotiator;
  const choice = negotiator.encoding(['br', 'gzip', 'identity'], { preferred: ['br', 'gzip', 'identity'] });
  if (choice === 'br') return { body: (await file.variants).br, encoding: 'br' };
  if (choice === 'gzip') return { body: (await file.variants).gzip, encoding: 'gzip' };
  return { body: file.identity };
}
