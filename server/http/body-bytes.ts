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
      return transcode(utf16Of(text), 'utf16le', 'utf8');
    } catch {
      // a lone surrogate
    }
  }
  // Into room for the longest case (3 bytes per UTF-16 unit): measuring first, as Buffer.from
  // does, would walk the serializer's many-piece string twice.
  const bytes = Buffer.allocUnsafe(text.length * 3);
  return bytes.subarray(0, encoder.encodeInto(text, bytes).written);
}

/** Texts of up to this many bytes in UTF-16 are copied into one buffer kept for the purpose. */
const KEPT_BYTES = 2 * 1024 * 1024;
let kept = Buffer.alloc(0);

/**
 * The UTF-16 code units of `text`, in a buffer that is reused: a fresh one of 80 KB for each register
 * page was given back to the system and faulted in again at the next request, 20 page faults each
 * time. The copy is read at once, before anything else can ask for it.
 */
function utf16Of(text: string): Buffer {
  const size = text.length * 2;
  if (size > KEPT_BYTES) return Buffer.from(text, 'utf16le');
  if (kept.length < size) kept = Buffer.allocUnsafeSlow(Math.min(KEPT_BYTES, Math.max(size, 2 * kept.length)));
  return kept.subarray(0, kept.write(text, 0, 'utf16le'));
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
