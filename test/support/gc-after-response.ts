// Preloaded into a test server started with --expose-gc: a full garbage collection after every response,
// so native objects that only GC frees (better-sqlite3's statements) are finalised between requests.
// At exit it prints how many collections it forced, for the test to check.
import { subscribe } from 'node:diagnostics_channel';

const gc = globalThis.gc;
if (gc === undefined) throw new Error('gc-after-response needs node --expose-gc');
let collections = 0;
subscribe('http.server.response.finish', () => {
  setImmediate(() => {
    gc();
    collections++;
  });
});
process.on('exit', () => process.stderr.write(`forced-gc ${collections}\n`));
