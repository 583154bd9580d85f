// Preloaded into a test server started with --expose-gc: a full garbage collection after every response,
// so native objects that only GC frees (better-sqlite3's statements) are finalised between requests.
// The collection runs as a task of its own, outside any JavaScript context, as V8's own collections do:
// better-sqlite3 12 aborted Node 24 there, while a synchronous gc() inside a context hid the fault.
// At exit it prints how many collections it forced, for the test to check.
import { subscribe } from 'node:diagnostics_channel';

const gc = globalThis.gc;
if (gc === undefined) throw new Error('gc-after-response needs node --expose-gc');
let collections = 0;
subscribe('http.server.response.finish', () => {
  void gc({ type: 'major', execution: 'async' }).then(() => collections++);
});
process.on('exit', () => process.stderr.write(`forced-gc ${collections}\n`));
