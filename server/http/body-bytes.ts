// Large text bodies (the JSON of a sitting, a register page) go out as bytes. Node sends a string body
// by measuring its UTF-8 length, then prepending the headers to it (a copy of the whole text) and
// encoding it; a Buffer, encoded once here, is measured for free and written as it is.
import type { FastifyInstance } from 'fastify';

/** Below this many characters the copy costs less than a Buffer. */
const LARGE = 4096;

export function largeBodiesAsBytes(app: FastifyInstance): void {
  app.addHook('onSend', (_request, _reply, payload, done) => {
    done(null, typeof payload === 'string' && payload.length > LARGE ? Buffer.from(payload, 'utf8') : payload);
  });
}
