// Every transaction the app opens goes through `transact`: on PostgreSQL a serialization failure, a
// deadlock, or a connection lost before the commit was sent makes it run again on a fresh connection
// (the work is all or nothing, so a second run is safe); a connection lost during the commit is not
// retried, as the commit may have happened.
import type { Transaction } from 'kysely';
import type { Database, Executor } from './database.ts';

/** Runs after the first; a busy database gets a short, growing, jittered pause between them. */
const ATTEMPTS = 4;

/** SQLSTATEs after which the transaction surely did not commit and may run again. */
const RETRY_STATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '57P01', // admin_shutdown (pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08003',
  '08006',
]);

/** Node's and `pg`'s words for a socket that went away. */
const LOST_CONNECTION =
  /Connection terminated|not queryable|Client was closed|ECONNRESET|EPIPE|ECONNREFUSED|terminating connection|server closed the connection/u;

export function isRetryable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && RETRY_STATES.has(code)) return true;
  if (typeof code === 'string' && /^(ECONNRESET|EPIPE|ECONNREFUSED)$/u.test(code)) return true;
  return typeof message === 'string' && LOST_CONNECTION.test(message);
}

/**
 * Runs `fn` in the caller's transaction, or in a new one that is retried as above. `setup` runs first
 * in a new transaction (settings that hold until its end).
 */
export async function transact<T>(
  db: Executor,
  fn: (trx: Transaction<Database>) => Promise<T>,
  setup?: (trx: Transaction<Database>) => Promise<void>,
): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<Database>);
  for (let attempt = 1; ; attempt++) {
    let committing = false;
    try {
      return await db.transaction().execute(async (trx) => {
        await setup?.(trx);
        const result = await fn(trx);
        committing = true;
        return result;
      });
    } catch (error) {
      if (committing || attempt >= ATTEMPTS || !isRetryable(error)) throw error;
      await pause(attempt);
    }
  }
}

/**
 * Runs `fn` outside a transaction, again on a fresh connection when its connection was lost: for
 * statements each safe to run twice (a read, a delete or update to a fixed value), such as the
 * session lookup every request starts with.
 */
export async function againIfLost<T>(db: Executor, fn: () => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
      await pause(attempt);
    }
  }
}

/** A short, growing, jittered pause before the next attempt. */
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt * (0.5 + Math.random())));
