// A decision's owners and a sitting's attendance in their listed order straight from an index (every
// view of decisions reads each one's owners in the same statement as the decisions, and a sort per
// decision cost more than the rows it sorted); and a sitting's decisions by their current status, so
// the register's status filter walks only the decisions it shows.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('decision_owners_order_idx').on('decision_owners').columns(['decision_id', 'ordinal']).execute();
  // Its first column leads the new index: every lookup it served, the new one serves.
  await db.schema.dropIndex('decision_owners_decision_idx').execute();
  await db.schema.createIndex('attendance_order_idx').on('attendance').columns(['sitting_id', 'ordinal']).execute();
  await db.schema.createIndex('decisions_sitting_status_idx').on('decisions').columns(['sitting_id', 'current_status', 'number']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('decisions_sitting_status_idx').execute();
  await db.schema.dropIndex('attendance_order_idx').execute();
  await db.schema.createIndex('decision_owners_decision_idx').on('decision_owners').column('decision_id').execute();
  await db.schema.dropIndex('decision_owners_order_idx').execute();
}
