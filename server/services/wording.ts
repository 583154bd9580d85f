// A group's wording for the services that word something for it: minutes, the plan report, mails,
// exports (server/wording/group-templates.ts keeps each group's templates, loaded once).
import type { Executor } from '../db/database.ts';
import { groupSlug, groupSlugs } from '../repositories/group.ts';
import {
  checkGroupTemplates,
  groupTemplatesInUse,
  wordingOfSlug,
  type GroupWording,
  type TemplatesCheck,
} from '../wording/group-templates.ts';

export type { GroupWording } from '../wording/group-templates.ts';

/** The templates group `groupId` words with; its slug is read only when the host keeps override folders. */
export async function groupWording(db: Executor, groupId: number): Promise<GroupWording> {
  return wordingOfSlug(groupTemplatesInUse() ? await groupSlug(db, groupId) : '');
}

/**
 * Every group's folder under `dir` loaded and checked (at start, and by `protokols templates check`);
 * with `groupId`, that group's only.
 */
export async function checkTemplatesOfHost(db: Executor, dir: string, groupId?: number): Promise<TemplatesCheck> {
  const groups = await groupSlugs(db);
  return checkGroupTemplates(dir, groupId === undefined ? groups : groups.filter((g) => g.id === groupId), groupId === undefined);
}
