// Prevention plans the group monitors: goals and numbered activities, the agenda items that name
// activities, and each activity's status per year. Decisions name their activity by number
// (decisions.plan_activity), so they need no table here.
import { SqliteAdapter, sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const now = sql`CURRENT_TIMESTAMP`;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the column builder of a frozen migration
  const id = (c: any) => (sqlite ? c.primaryKey() : c.primaryKey().generatedByDefaultAsIdentity());

  await db.schema
    .createTable('plans')
    .addColumn('id', 'integer', id)
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('adoption', 'text')
    .addColumn('period_from', 'integer', (c) => c.notNull())
    .addColumn('period_to', 'integer', (c) => c.notNull())
    .addColumn('coordinator', 'text')
    .addColumn('change_note', 'varchar(200)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('plans_group_idx').on('plans').columns(['group_id', 'period_from']).execute();

  await db.schema
    .createTable('plan_goals')
    .addColumn('id', 'integer', id)
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('change_note', 'varchar(200)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('plan_goals_number_uq', ['plan_id', 'number'])
    .execute();

  await db.schema
    .createTable('plan_activities')
    .addColumn('id', 'integer', id)
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('goal_id', 'integer', (c) => c.notNull().references('plan_goals.id').onDelete('cascade'))
    .addColumn('number', 'varchar(20)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    // JSON arrays (texts, names, years): read and written whole, never queried inside.
    .addColumn('repeated_texts', 'text')
    .addColumn('responsible', 'text')
    .addColumn('years', 'text')
    .addColumn('result', 'text')
    .addColumn('deadline', 'varchar(200)')
    .addColumn('financing', 'text')
    .addColumn('change_note', 'varchar(200)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('plan_activities_number_uq', ['plan_id', 'number'])
    .execute();
  await db.schema.createIndex('plan_activities_goal_idx').on('plan_activities').columns(['goal_id', 'position']).execute();

  await db.schema
    .createTable('agenda_item_activities')
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
    .addColumn('agenda_item_id', 'integer', (c) => c.notNull().references('agenda_items.id').onDelete('cascade'))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('plan_activities.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('agenda_item_activities_pk', ['agenda_item_id', 'activity_id'])
    .execute();
  await db.schema.createIndex('agenda_item_activities_activity_idx').on('agenda_item_activities').column('activity_id').execute();

  await db.schema
    .createTable('activity_statuses')
    .addColumn('id', 'integer', id)
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('plan_activities.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('done', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('activity_statuses_year_uq', ['activity_id', 'year'])
    .execute();

  // The activity pages and the report find decisions by the number they name.
  await db.schema.createIndex('decisions_plan_activity_idx').on('decisions').column('plan_activity').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('decisions_plan_activity_idx').execute();
  for (const table of ['activity_statuses', 'agenda_item_activities', 'plan_activities', 'plan_goals', 'plans']) {
    await db.schema.dropTable(table).execute();
  }
}
