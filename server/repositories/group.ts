// The cooperation groups a host serves: each one's profile, slug and minutes settings; the first
// is seeded with defaults on first run.
import { DEFAULT_GROUP_PROFILE, type GroupProfile, type MinutesSettings } from '../domain/group-settings.ts';
import { freeSlug, slugOf } from '../domain/group-slug.ts';
import type { Executor, GroupRow } from '../db/database.ts';
import { expectOneUpdated, inTransaction, nowIso, required } from './rows.ts';
import { LOCKS, lockUntilCommit } from '../db/postgres.ts';

export interface Group extends GroupProfile {
  id: number;
  slug: string;
  version: number;
}

function toGroup(row: GroupRow): Group {
  const stored = JSON.parse(row.minutes_settings) as Partial<MinutesSettings>;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    nameGenitive: row.name_genitive,
    municipality: row.municipality,
    defaultPlace: row.default_place,
    minutes: { ...DEFAULT_GROUP_PROFILE.minutes, ...stored },
    version: row.version,
  };
}

/**
 * The host's first group, created from the defaults on a fresh installation's first start (under a
 * lock: two app instances starting together on one PostgreSQL database make one group, not two).
 */
export async function ensureGroup(db: Executor, seed: GroupProfile = DEFAULT_GROUP_PROFILE): Promise<Group> {
  const first = (executor: Executor) => executor.selectFrom('groups').selectAll().orderBy('id').limit(1).executeTakeFirst();
  const existing = await first(db);
  if (existing !== undefined) return toGroup(existing);
  return inTransaction(db, async (trx) => {
    await lockUntilCommit(trx, LOCKS.firstGroup, 0);
    const made = await first(trx);
    return made === undefined ? insertGroup(trx, seed) : toGroup(made);
  });
}

/** A new group, its slug made from its name and kept unique on the host. */
export async function insertGroup(db: Executor, profile: GroupProfile): Promise<Group> {
  const taken = new Set((await db.selectFrom('groups').select('slug').execute()).map((r) => r.slug));
  const now = nowIso();
  const row = await db
    .insertInto('groups')
    .values({
      slug: freeSlug(slugOf(profile.name), taken),
      name: profile.name,
      name_genitive: profile.nameGenitive,
      municipality: profile.municipality,
      default_place: profile.defaultPlace,
      minutes_settings: JSON.stringify(profile.minutes),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toGroup(row);
}

/** The group a slug names, if any. */
export async function groupIdBySlug(db: Executor, slug: string): Promise<number | undefined> {
  return (await db.selectFrom('groups').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
}

/** The slug of group `id` (its templates' folder is named by it). */
export async function groupSlug(db: Executor, id: number): Promise<string> {
  return required(await db.selectFrom('groups').select('slug').where('id', '=', id).executeTakeFirst(), 'grupa').slug;
}

/** Every group's id and slug, in the order they were created. */
export function groupSlugs(db: Executor): Promise<Array<{ id: number; slug: string }>> {
  return db.selectFrom('groups').select(['id', 'slug']).orderBy('id').execute();
}

export interface GroupSummary {
  id: number;
  slug: string;
  name: string;
  municipality: string;
  sittings: number;
  people: number;
  users: number;
}

/** Every group of the host with how much it holds, in the order they were created. */
export async function listGroups(db: Executor): Promise<GroupSummary[]> {
  const rows = await db
    .selectFrom('groups as g')
    .select((eb) => [
      'g.id',
      'g.slug',
      'g.name',
      'g.municipality',
      eb.selectFrom('sittings').select(eb.fn.countAll<number | string>().as('n')).whereRef('sittings.group_id', '=', 'g.id').as('sittings'),
      eb.selectFrom('people').select(eb.fn.countAll<number | string>().as('n')).whereRef('people.group_id', '=', 'g.id').as('people'),
      eb.selectFrom('users').select(eb.fn.countAll<number | string>().as('n')).whereRef('users.group_id', '=', 'g.id').as('users'),
    ])
    .orderBy('g.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    municipality: r.municipality,
    sittings: Number(r.sittings),
    people: Number(r.people),
    users: Number(r.users),
  }));
}

export async function getGroup(db: Executor, id: number): Promise<Group> {
  return toGroup(required(await db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst(), 'grupa'));
}

export interface GroupPatch {
  version: number;
  name?: string;
  nameGenitive?: string;
  municipality?: string;
  defaultPlace?: string;
  minutes?: Partial<MinutesSettings>;
}

export async function updateGroup(db: Executor, id: number, patch: GroupPatch): Promise<Group> {
  const current = await getGroup(db, id);
  const result = await db
    .updateTable('groups')
    .set({
      name: patch.name ?? current.name,
      name_genitive: patch.nameGenitive ?? current.nameGenitive,
      municipality: patch.municipality ?? current.municipality,
      default_place: patch.defaultPlace ?? current.defaultPlace,
      minutes_settings: JSON.stringify({ ...current.minutes, ...patch.minutes }),
      version: current.version + 1,
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .where('version', '=', patch.version)
    .executeTakeFirst();
  expectOneUpdated(result, true, 'grupas iestatījumi');
  return getGroup(db, id);
}
