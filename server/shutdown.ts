// Stopping on SIGTERM/SIGINT: the server stops taking requests, finishes those under way and closes
// the database; if that hangs (say, a client that never finishes its request), the process exits anyway.
import type { FastifyBaseLogger } from 'fastify';

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
      // pino may still be writing 'stopping' on a thread; exiting first printed 'stopped' before it.
      await flushed(log);
      exit(0);
    } catch (error) {
      clearTimeout(timer);
      log.error({ signal, err: error }, 'stopping failed');
      exit(1);
    }
  };
  return (signal) => (stopping ??= stop(signal));
}

/** Resolves once pino has written what it holds (a logger without `flush` holds nothing). */
function flushed(log: FastifyBaseLogger): Promise<void> {
  const { flush } = log as FastifyBaseLogger & { flush?: (done: (error?: Error) => void) => void };
  return new Promise((resolve) => (flush === undefined ? resolve() : flush.call(log, () => resolve())));
}
