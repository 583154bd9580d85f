// Search across all minutes: each agenda item's title, rapporteur and proceedings, and each
// decision's text with its owners, folded (lower case, no diacritics).
import type { Kysely } from 'kysely';

/** Frozen copy of the app's fold at the time of this migration. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('agenda_items')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  for (const item of await db.selectFrom('agenda_items').select(['id', 'title', 'rapporteur', 'proceedings']).execute()) {
    await db
      .updateTable('agenda_items')
      .set({ search_text: fold([item.title, item.rapporteur ?? '', item.proceedings].join('\n')) })
      .where('id', '=', item.id)
      .execute();
  }
  for (const d of await db.selectFrom('decisions').select(['id', 'text']).execute()) {
    const owners = await db.selectFrom('decision_owners').select('name').where('decision_id', '=', d.id).orderBy('ordinal').execute();
    await db
      .updateTable('decisions')
      .set({ search_text: fold([d.text, ...owners.map((o: { name: string }) => o.name)].join('\n')) })
      .where('id', '=', d.id)
      .execute();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('agenda_items').dropColumn('search_text').execute();
}
