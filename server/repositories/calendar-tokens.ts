// The secret in a person's calendar feed URL: only its hash is stored; rotating it cuts off
// every calendar that subscribed with the old one.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import { sha256 } from '../domain/digest.ts';
import { personRow } from './people.ts';

export async function rotateCalendarToken(db: Executor, groupId: number, personId: number): Promise<string> {
  await personRow(db, groupId, personId);
  const token = randomBytes(32).toString('base64url');
  await db
    .updateTable('people')
    .set({ calendar_token_hash: sha256(token) })
    .where('id', '=', personId)
    .where('group_id', '=', groupId)
    .execute();
  return token;
}

/** The person's group when `token` is their current calendar secret; undefined otherwise. */
export async function calendarTokenGroup(db: Executor, personId: number, token: string): Promise<number | undefined> {
  const row = await db.selectFrom('people').select(['group_id', 'calendar_token_hash']).where('id', '=', personId).executeTakeFirst();
  if (row?.calendar_token_hash == null) return undefined;
  return timingSafeEqual(Buffer.from(row.calendar_token_hash, 'hex'), Buffer.from(sha256(token), 'hex')) ? row.group_id : undefined;
}
