// The DOCX renderer off the event loop: a small pool of worker threads (docx-worker.ts), started at
// the first rendering and closed with the app, so a long protocol does not hold up other requests.
import { availableParallelism } from 'node:os';
import type { Piscina } from 'piscina';
import { DOCX_WORKER } from '../paths.ts';
import type { DocxTask } from './docx-worker.ts';

/** Threads beyond the first are kept only while busy; the first after an idle minute too. */
const IDLE_TIMEOUT_MS = 60_000;

/** How much lower than the server's the threads' priority is (nice, 0–19). */
export const RENDER_NICENESS = 10;

let pool: Promise<Piscina> | undefined;
let rendering = 0;

/** Renders the minutes as a .docx file on a thread of the pool: the same bytes as renderMinutesDocx. */
export async function renderDocxOffThread(task: DocxTask): Promise<Buffer> {
  pool ??= startPool();
  const started = await pool;
  rendering += 1;
  try {
    return Buffer.from((await started.run(task)) as ArrayBuffer);
  } finally {
    rendering -= 1;
  }
}

/** Stops the pool's threads once their renderings are done; a later rendering starts a new pool. */
export async function closeDocxPool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  if (closing !== undefined) await (await closing).close();
}

/** The pool as it is now, if started, and how many renderings it was handed that have not come back: for tests. */
export async function docxPoolNow(): Promise<{ pool: Piscina | undefined; rendering: number }> {
  return { pool: pool === undefined ? undefined : await pool, rendering };
}

async function startPool(): Promise<Piscina> {
  // Loaded here, not at start: most processes (the CLI, a server nobody downloads from) never render.
  const { Piscina } = await import('piscina');
  return new Piscina({
    filename: DOCX_WORKER,
    minThreads: 0,
    // One core stays for the event loop.
    maxThreads: Math.max(1, Math.min(2, availableParallelism() - 1)),
    idleTimeout: IDLE_TIMEOUT_MS,
    // Laying out is background work: where the threads and the event loop want the same core, the
    // event loop (every other user's request) goes first. Linux and macOS; elsewhere a no-op.
    niceIncrement: RENDER_NICENESS,
    ...workerLoader(),
  });
}

/**
 * From the sources the thread loads TypeScript: Node strips the types itself (22.18 and later), an
 * older Node through tsx. Under tsx the threads inherit its loader, as they inherit every option.
 */
function workerLoader(): { execArgv?: string[] } {
  if (!DOCX_WORKER.endsWith('.ts') || process.features.typescript) return {};
  return { execArgv: [...process.execArgv, '--import', 'tsx'] };
}
