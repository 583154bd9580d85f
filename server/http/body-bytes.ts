// Large text bodies (the JSON of a sitting, a register page) go out as bytes. Node sends a string body
// by measuring its UTF-8 length, then prepending the headers to it (a copy of the whole text) and
// encoding it; a Buffer, encoded once here, is measured for free and written as it is.
import { transcode } from 'node:buffer';
import type { FastifyInstance } from 'fastify';

/** Below this many characters the copy costs less than a Buffer. */
const LARGE = 4096;

const encoder = new TextEncoder();

/**
 * The UTF-8 bytes of `text`. The JSON of a Latvian text is held as UTF-16 (ā, č, ē do not fit in
 * one byte), and V8 encodes such a string to UTF-8 slowly: for a register page of 39 KB, 140 µs.
 * Copying its code units out as UTF-16 and converting those with ICU (Node's `transcode`) takes a
 * third of that. ICU refuses a lone surrogate, which then goes the slow way and becomes U+FFFD, as
 * Node encodes it; a one-byte string is encoded fast by V8 already.
 */
export function utf8Bytes(text: string): Buffer {
  if (text.length > LARGE && typeof transcode === 'function' && !isOneByte(text)) {
    try {
      return transcode(Buffer.from(text, 'utf16le'), 'utf16le', 'utf8');
    } catch {
      // a lone surrogate
    }
  }
  // Into room for the longest case (3 bytes per UTF-16 unit): measuring first, as Buffer.from
  // does, would walk the serializer's many-piece string twice.
  const bytes = Buffer.allocUnsafe(text.length * 3);
  return bytes.subarray(0, encoder.encodeInto(text, bytes).written);
}

/** Whether every character is below U+0100 (V8 then holds the string one byte per character). */
function isOneByte(text: string): boolean {
  return !/[\u0100-\u{10ffff}]/u.test(text);
}

export function largeBodiesAsBytes(app: FastifyInstance): void {
  app.addHook('onSend', (_request, _reply, payload, done) => {
    done(null, typeof payload === 'string' && payload.length > LARGE ? utf8Bytes(payload) : payload);
  });
}
