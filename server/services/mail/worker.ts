// The mail's one timer in the server process: every few seconds it computes the day's reminders
// (once the day's reminder hour has come in Riga; the first instance to claim the day does it) and
// delivers what is due. Everything it acts on is in the database, so it survives restarts and
// shares the work with other instances. Passes never overlap; stop() lets the one running finish briefly.
import { REMINDER_HOUR, rigaClock } from '../../domain/mail.ts';
import type { Db } from '../../db/database.ts';
import type { MailContext } from './context.ts';
import { deliverDue, type Mailer } from './delivery.ts';
import { remindersOfDay } from './reminders.ts';

export interface MailWorkerOptions {
  db: Db;
  ctx: MailContext;
  mailer: Mailer | null;
  pollMs: number;
  leaseMs: number;
  /** Where a failed pass is reported (the server's log); never with the SMTP URL. */
  onError: (error: unknown) => void;
}

const STOP_WAIT_MS = 5_000;

export interface MailWorker {
  stop(): Promise<void>;
}

export function startMailWorker(o: MailWorkerOptions): MailWorker {
  let running: Promise<void> | null = null;
  let stopped = false;
  const pass = async () => {
    const now = new Date();
    const clock = rigaClock(now);
    if (clock.hour >= REMINDER_HOUR) await remindersOfDay(o.db, clock.date, o.ctx, now);
    await deliverDue(o.db, o.mailer, { from: o.ctx.from, leaseMs: o.leaseMs });
  };
  const tick = () => {
    if (running !== null || stopped) return;
    running = pass()
      .catch(o.onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, o.pollMs);
  setImmediate(tick);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      // A send under way may finish (and be recorded) for a few seconds; a hung one is cut off, and
      // its lease lets another instance or the next start deliver it.
      await Promise.race([running, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
      o.mailer?.close();
    },
  };
}
