// Each decision's owners, in their order, kept on its row as the JSON list every view of decisions
// reads (`[{"person_id":…,"name":…}]`): gathering them from decision_owners for each row was a third
// of a register page's query. The one writer of owners (repositories/decisions.ts `writeOwners`)
// keeps the list; here it is filled for the decisions already there. JSON is built differently by
// the two engines, hence raw SQL for each.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('decisions')
    .addColumn('owners', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  const list =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? sql`(select json_agg(json_build_object('person_id', o.person_id, 'name', o.name) order by o.ordinal)::text
          from decision_owners o where o.decision_id = decisions.id)`
      : sql`(select json_group_array(json_object('person_id', o.person_id, 'name', o.name))
          from (select person_id, name from decision_owners where decision_id = decisions.id order by ordinal) o)`;
  await sql`update decisions set owners = ${list} where exists (select 1 from decision_owners where decision_id = decisions.id)`.execute(
    db,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('decisions').dropColumn('owners').execute();
}
