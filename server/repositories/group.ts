// The cooperation group's profile and minutes settings; seeded with defaults on first run.
import { DEFAULT_GROUP_PROFILE, type GroupProfile, type MinutesSettings } from '../domain/group-settings.ts';
import type { Executor, GroupRow } from '../db/database.ts';
import { expectOneUpdated, nowIso, required } from './rows.ts';

export interface Group extends GroupProfile {
  id: number;
  version: number;
}

function toGroup(row: GroupRow): Group {
  const stored = JSON.parse(row.minutes_settings) as Partial<MinutesSettings>;
  return {
    id: row.id,
    name: row.name,
    nameGenitive: row.name_genitive,
    municipality: row.municipality,
    defaultPlace: row.default_place,
    minutes: { ...DEFAULT_GROUP_PROFILE.minutes, ...stored },
    version: row.version,
  };
}

/** The group this installation serves, created from the defaults on first start. */
export async function ensureGroup(db: Executor, seed: GroupProfile = DEFAULT_GROUP_PROFILE): Promise<Group> {
  const existing = await db.selectFrom('groups').selectAll().orderBy('id').limit(1).executeTakeFirst();
  if (existing !== undefined) return toGroup(existing);
  const now = nowIso();
  const row = await db
    .insertInto('groups')
    .values({
      name: seed.name,
      name_genitive: seed.nameGenitive,
      municipality: seed.municipality,
      default_place: seed.defaultPlace,
      minutes_settings: JSON.stringify(seed.minutes),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toGroup(row);
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
