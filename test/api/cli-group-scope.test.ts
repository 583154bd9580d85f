// The CLI's commands that act in one group (`--group ID`) run in that group's scope on PostgreSQL, as a
// logged-in request does: once the command has entered its group, a query without a group filter sees
// only that group's rows (row-level security), so `--group 2` cannot read group 1 through a slip.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enterGroup } from '../../server/cli.ts';
import type { Db } from '../../server/db/database.ts';
import { inHostScope } from '../../server/db/group-scope.ts';
import { ensureGroup } from '../../server/repositories/group.ts';
import { SYSTEM } from '../../server/services/audit.ts';
import { addGroup } from '../../server/services/group.ts';
import { importSitting } from '../../server/services/interchange.ts';
import { onPostgres, openTestDatabase } from '../support/test-database.ts';

const sitting = (number: number, member: string) => ({
  format: 'protokols.sitting/1',
  number,
  date: '2025-09-08',
  startTime: '14:00',
  endTime: '16:00',
  members: [{ name: member, position: 'Sadarbības grupas loceklis' }],
  agenda: [{ title: `Jautājums par ${member}`, proceedings: 'Darba gaita.' }],
  decisions: [{ text: `Lēmums, ko pieņēma ${member}.`, agendaItem: 1 }],
  reviews: [],
  signed: false,
});

describe.runIf(onPostgres)('the CLI acts in its group on PostgreSQL', () => {
  let db: Db;
  let a: number;
  let b: number;
  beforeEach(async () => {
    db = await openTestDatabase();
    a = (await ensureGroup(db)).id;
    b = (await addGroup(db, SYSTEM, { name: 'Otrā sadarbības grupa', municipality: 'Otrais novads' })).id;
    await importSitting(db, a, SYSTEM, sitting(1, 'Anna Ābele'));
    await importSitting(db, b, SYSTEM, sitting(1, 'Bruno Bērziņš'));
  });
  afterEach(async () => db.destroy());

  const unfiltered = () =>
    Promise.all([
      db.selectFrom('sittings').select('group_id').execute(),
      db.selectFrom('people').select('full_name').execute(),
      db.selectFrom('decisions').select('text').execute(),
    ]);

  it('after --group B, queries without a group filter see only group B', async () => {
    const [before, [sittings, people, decisions]] = await inHostScope(async () => {
      // Choosing the group reads the host's groups; until then the command is in the host's scope.
      const host = await unfiltered();
      expect(await enterGroup(db, String(b))).toBe(b);
      return [host, await unfiltered()] as const;
    });
    expect(before[0].map((s) => s.group_id).sort()).toEqual([a, b].sort());
    expect(sittings.map((s) => s.group_id)).toEqual([b]);
    expect(people.map((p) => p.full_name)).toEqual(['Bruno Bērziņš']);
    expect(decisions.map((d) => d.text)).toEqual(['Lēmums, ko pieņēma Bruno Bērziņš.']);
  });

  it('a write aimed at the other group through a missed filter changes nothing of it', async () => {
    const changed = await inHostScope(async () => {
      await enterGroup(db, String(b));
      return db.updateTable('people').set({ position: 'mainīts' }).executeTakeFirst();
    });
    expect(Number(changed.numUpdatedRows)).toBe(1);
    const { position } = await db.selectFrom('people').select('position').where('group_id', '=', a).executeTakeFirstOrThrow();
    expect(position).not.toBe('mainīts');
  });
});
