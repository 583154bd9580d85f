// The secret in a person's calendar feed URL: only its hash is stored; rotating it cuts off
// every calendar that subscribed with the old one.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import { personRow } from './people.ts';

const hash = (token: string) => createHash('sha256').update(token).digest();

export async function rotateCalendarToken(db: Executor, groupId: number, personId: number): Promise<string> {
  await personRow(db, groupId, personId);
  const token = randomBytes(32).toString('base64url');
  await db
    .updateTable('people')
    .set({ calendar_token_hash: hash(token).toString('hex') })
    .where('id', '=', personId)
    .execute();
  return token;
}

/** True when `token` is the person's current calendar secret. */
export async function calendarTokenValid(db: Executor, groupId: number, personId: number, token: string): Promise<boolean> {
  const row = await db
    .selectFrom('people')
    .select('calendar_token_hash')
    .where('id', '=', personId)
    .where('group_id', '=', groupId)
    .executeTakeFirst();
  if (row?.calendar_token_hash == null) return false;
  return timingSafeEqual(Buffer.from(row.calendar_token_hash, 'hex'), hash(token));
}
