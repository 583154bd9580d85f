// Large text bodies (the JSON of a sitting, a register page) go out as bytes. Node sends a string body
// by measuring its UTF-8 length, then prepending the headers to it (a copy of the whole text) and
// encoding it; a Buffer, encoded once here, is measured for free and written as it is.
import type { FastifyInstance } from 'fastify';

/** Below this many characters the copy costs less than a Buffer. */
const LARGE = 4096;

const encoder = new TextEncoder();

/**
 * The UTF-8 bytes of `text`, encoded in one pass into room for the longest case (3 bytes per UTF-16
 * unit). Measuring first, as Buffer.from does, walks the serializer's many-piece string twice: for
 * a register page of 39 KB this takes two thirds of the time.
 */
export function utf8Bytes(text: string): Buffer {
  const bytes = Buffer.allocUnsafe(text.length * 3);
  return bytes.subarray(0, encoder.encodeInto(text, bytes).written);
}

export function largeBodiesAsBytes(app: FastifyInstance): void {
  app.addHook('onSend', (_request, _reply, payload, done) => {
    done(null, typeof payload === 'string' && payload.length > LARGE ? utf8Bytes(payload) : payload);
  });
}
