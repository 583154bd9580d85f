// Keeps the folded search text of agenda items and decisions in step with what they say, and
// answers the search across all minutes.
import { sql } from 'kysely';
import { inheritsConfidentiality } from '../domain/reader-view.ts';
import { foldForSearch } from '../domain/search-text.ts';
import type { Executor } from '../db/database.ts';
import type { SearchHit } from '../schemas/sittings.ts';

export async function refreshAgendaItemSearch(db: Executor, id: number): Promise<void> {
  const item = await db.selectFrom('agenda_items').select(['title', 'rapporteur', 'proceedings']).where('id', '=', id).executeTakeFirst();
  if (item === undefined) return;
  await db
    .updateTable('agenda_items')
    .set({ search_text: foldForSearch(item.title, item.rapporteur, item.proceedings) })
    .where('id', '=', id)
    .execute();
}

export async function refreshDecisionSearch(db: Executor, id: number): Promise<void> {
  const decision = await db.selectFrom('decisions').select('text').where('id', '=', id).executeTakeFirst();
  if (decision === undefined) return;
  const owners = await db.selectFrom('decision_owners').select('name').where('decision_id', '=', id).orderBy('ordinal').execute();
  await db
    .updateTable('decisions')
    .set({ search_text: foldForSearch(decision.text, ...owners.map((o) => o.name)) })
    .where('id', '=', id)
    .execute();
}

/** `… like ? escape '\'` for every word of the query, so `%` and `_` are plain characters. */
export function containsEveryWord(column: string, query: string) {
  const words = foldForSearch(query)
    .split(/\s+/u)
    .filter((w) => w !== '');
  return words.map((word) => {
    const pattern = `%${word.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
    return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
  });
}

export interface SearchScope {
  /** Only these sittings (a guest's); all when omitted. */
  sittingIds?: number[];
  /** Leave out confidential items and their decisions. */
  publicOnly: boolean;
  limit: number;
}

/** Agenda items and decisions of the group whose text holds every word of `query`, newest first. */
export async function searchMinutes(db: Executor, groupId: number, query: string, scope: SearchScope): Promise<SearchHit[]> {
  if (scope.sittingIds?.length === 0) return [];
  let items = db
    .selectFrom('agenda_items as a')
    .innerJoin('sittings as s', 's.id', 'a.sitting_id')
    .select([
      's.id as sitting_id',
      's.number as sitting_number',
      's.date as sitting_date',
      'a.position',
      'a.title',
      'a.proceedings',
      'a.confidential',
    ])
    .where('s.group_id', '=', groupId);
  let decisions = db
    .selectFrom('decisions as d')
    .innerJoin('sittings as s', 's.id', 'd.sitting_id')
    .leftJoin('agenda_items as a', 'a.id', 'd.agenda_item_id')
    .select(['d.id', 's.id as sitting_id', 's.number as sitting_number', 's.date as sitting_date', 'd.number', 'd.text', 'a.confidential'])
    .where('s.group_id', '=', groupId);
  for (const condition of containsEveryWord('a.search_text', query)) items = items.where(condition);
  for (const condition of containsEveryWord('d.search_text', query)) decisions = decisions.where(condition);
  if (scope.sittingIds !== undefined) {
    items = items.where('s.id', 'in', scope.sittingIds);
    decisions = decisions.where('s.id', 'in', scope.sittingIds);
  }
  if (scope.publicOnly) {
    items = items.where('a.confidential', '=', 0);
    decisions = decisions.where((eb) => eb.or([eb('a.confidential', 'is', null), eb('a.confidential', '=', 0)]));
  }
  const [itemRows, decisionRows] = await Promise.all([
    items.orderBy('s.date', 'desc').orderBy('a.position').limit(scope.limit).execute(),
    decisions.orderBy('s.date', 'desc').orderBy('d.number').limit(scope.limit).execute(),
  ]);
  const owners =
    decisionRows.length === 0
      ? []
      : await db
          .selectFrom('decision_owners')
          .select(['decision_id', 'name'])
          .where(
            'decision_id',
            'in',
            decisionRows.map((d) => d.id),
          )
          .orderBy('ordinal')
          .execute();
  const hits: SearchHit[] = [
    ...itemRows.map((r) => ({
      sittingId: r.sitting_id,
      sittingNumber: r.sitting_number,
      sittingDate: r.sitting_date,
      kind: 'agendaItem' as const,
      position: r.position,
      title: r.title,
      text: r.proceedings,
      owners: [],
      confidential: r.confidential === 1,
    })),
    ...decisionRows.map((r) => ({
      sittingId: r.sitting_id,
      sittingNumber: r.sitting_number,
      sittingDate: r.sitting_date,
      kind: 'decision' as const,
      position: r.number,
      title: null,
      text: r.text,
      owners: owners.filter((o) => o.decision_id === r.id).map((o) => o.name),
      confidential: inheritsConfidentiality(r.confidential),
    })),
  ];
  return hits
    .sort(
      (a, b) =>
        b.sittingDate.localeCompare(a.sittingDate) ||
        b.sittingNumber - a.sittingNumber ||
        a.kind.localeCompare(b.kind) ||
        a.position - b.position,
    )
    .slice(0, scope.limit);
}
