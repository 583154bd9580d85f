// Stopping on SIGTERM/SIGINT: the server stops taking requests, finishes those under way and closes
// the database; if that hangs (say, a client that never finishes its request), the process exits anyway.
import type { FastifyBaseLogger } from 'fastify';
import { symbols } from 'pino';

/** How long a graceful stop may take before the process is ended regardless. */
export const SHUTDOWN_TIMEOUT_MS = 10_000;

export interface StopOptions {
  log: FastifyBaseLogger;
  /** Closes the app, then what it holds (the database). */
  close: () => Promise<void>;
  exit: (code: number) => void;
  timeoutMs?: number;
}

/** The stop, run once however many signals ask for it: exit(0) when closed, exit(1) when it fails or times out. */
export function gracefulStop({ log, close, exit, timeoutMs = SHUTDOWN_TIMEOUT_MS }: StopOptions): (signal: string) => Promise<void> {
  let stopping: Promise<void> | null = null;
  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping');
    // unref: the timer alone never keeps alive a process that has nothing else left to do.
    const timer = setTimeout(() => {
      log.error({ signal, timeoutMs }, 'stopping took too long; exiting without finishing');
      exit(1);
    }, timeoutMs).unref();
    try {
      await close();
      clearTimeout(timer);
      log.info({ signal }, 'stopped');
      await written(log);
      exit(0);
    } catch (error) {
      clearTimeout(timer);
      log.error({ signal, err: error }, 'stopping failed');
      await written(log);
      exit(1);
    }
  };
  return (signal) => (stopping ??= stop(signal));
}

/** What pino's own destination (sonic-boom) offers to end it. */
interface Destination {
  end: () => void;
  once: (event: 'finish' | 'close' | 'error', listener: () => void) => unknown;
}

const isDestination = (stream: unknown): stream is Destination =>
  typeof stream === 'object' &&
  stream !== null &&
  typeof (stream as Destination).end === 'function' &&
  typeof (stream as Destination).once === 'function';

/**
 * Resolves once the logger's destination has written every line, in order. pino writes stdout on
 * libuv's threads; at exit it writes what is still queued synchronously, so a line whose write was
 * still under way came out after the lines behind it ('stopped' before 'stopping'). Its `flush`
 * calls back at once unless lines are held back for batching, a write under way or not; ending the
 * destination waits for that write. A logger without such a destination holds nothing.
 */
function written(log: FastifyBaseLogger): Promise<void> {
  const stream = (log as unknown as Record<symbol, unknown>)[symbols.streamSym];
  if (!isDestination(stream)) return Promise.resolve();
  return new Promise((resolve) => {
    for (const event of ['finish', 'close', 'error'] as const) stream.once(event, () => resolve());
    try {
      stream.end();
    } catch {
      // already ended: nothing is left to write
      resolve();
    }
  });
}
