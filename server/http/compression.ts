// How response bodies are compressed: the settings @fastify/compress is registered with (app.ts), and
// the encoded copies of a cached read's bytes (fresh.ts), made with those settings and chosen as the
// plugin chooses, so that a cached view is compressed once rather than at every request.
import negotiate from '@fastify/accept-negotiator';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** In the order preferred when the browser takes several equally. */
export const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Brotli at quality 4, the plugin's default: fast enough to compress per request. */
export const BROTLI_OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };

/** Smaller bodies go out as they are (the plugin's default). */
export const THRESHOLD = 1024;

const ENCODERS: Record<Encoding, (bytes: Buffer) => Buffer> = {
  br: (bytes) => brotliCompressSync(bytes, BROTLI_OPTIONS),
  gzip: (bytes) => gzipSync(bytes),
};

/**
 * The encoding @fastify/compress picks for this request: it reads `*` and `x-gzip` as gzip, then
 * negotiates with the same package. Null for none, for a body below THRESHOLD, and when the client
 * asked for none (`x-no-compression`).
 */
export function chosenEncoding(headers: Record<string, string | string[] | undefined>, size: number): Encoding | null {
  const accepted = headers['accept-encoding'];
  if (typeof accepted !== 'string' || size < THRESHOLD || headers['x-no-compression'] !== undefined) return null;
  return negotiate(accepted.toLowerCase().replace(/\*|x-gzip/gu, 'gzip'), [...ENCODINGS]);
}

/** A body's bytes, and its copy in each encoding once one is asked for. */
export class EncodedBody {
  readonly identity: Buffer;
  private readonly encode: (bytes: Buffer, encoding: Encoding) => Buffer;
  private readonly copies = new Map<Encoding, Buffer>();

  constructor(identity: Buffer, encode = (bytes: Buffer, encoding: Encoding) => ENCODERS[encoding](bytes)) {
    this.identity = identity;
    this.encode = encode;
  }

  in(encoding: Encoding): Buffer {
    let copy = this.copies.get(encoding);
    if (copy === undefined) {
      copy = this.encode(this.identity, encoding);
      this.copies.set(encoding, copy);
    }
    return copy;
  }
}
