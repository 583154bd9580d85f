// The migration to logins per group rebuilds SQLite's users table: accounts, their sessions and
// what points at them survive it, and group slugs are made for the groups already there.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest, migrator } from '../../server/db/migrate.ts';
import { openSqlite } from '../../server/db/sqlite.ts';

describe('the group tenancy migration', () => {
  it('keeps accounts and sessions, makes logins unique per group, and gives existing groups unique slugs', async () => {
    const db = openSqlite(':memory:');
    try {
      await migrator(db).migrateTo('20261127T000000-user-onboarding');
      for (const id of [1, 2])
        await sql`insert into groups (id, name, name_genitive, municipality, default_place, minutes_settings, updated_at)
          values (${id}, 'Cēsu novada grupa', 'Cēsu novada grupas', 'Cēsu novads', 'Cēsīs', '{}', '')`.execute(db);
      await sql`insert into users (id, group_id, login, password_hash, role, created_at) values (7, 1, 'janis', 'x', 'admin', 'c')`.execute(
        db,
      );
      await sql`insert into sessions (id, user_id, csrf_token, created_at, last_seen_at) values ('s', 7, 't', 'c', 'c')`.execute(db);
      await sql`insert into setup_tokens (token_hash, created_at, expires_at) values ('h', 'c', 'e')`.execute(db);

      await migrateToLatest(db);

      expect(await db.selectFrom('sessions').select(['id', 'user_id']).execute()).toEqual([{ id: 's', user_id: 7 }]);
      expect(await db.selectFrom('groups').select(['id', 'slug']).orderBy('id').execute()).toEqual([
        { id: 1, slug: 'cesu-novada-grupa' },
        { id: 2, slug: 'cesu-novada-grupa-2' },
      ]);
      expect(await db.selectFrom('setup_tokens').select('group_id').execute()).toEqual([{ group_id: 1 }]);
      const insert = (groupId: number) =>
        sql`insert into users (group_id, login, password_hash, role, created_at) values (${groupId}, 'janis', 'x', 'member', 'c')`.execute(
          db,
        );
      await insert(2);
      await expect(insert(1)).rejects.toThrow(/UNIQUE/u);
      const { rows: broken } = await sql`pragma foreign_key_check`.execute(db);
      expect(broken).toEqual([]);
      const { rows: fk } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
      expect(fk).toEqual([{ foreign_keys: 1 }]);
      // A deleted account still takes its sessions with it: the rebuilt table keeps the references working.
      await db.deleteFrom('users').where('id', '=', 7).execute();
      expect(await db.selectFrom('sessions').selectAll().execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
