// The SQL form of the decision vocabulary (domain/decision-state.ts), written once for every query
// that filters or counts decisions by it.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../db/database.ts';
import { UNFINISHED_STATUSES } from '../domain/decision-state.ts';

/** How the query names the decisions table: `d` where aliased, else `decisions`. */
export type DecisionsTable = 'd' | 'decisions';

/** A decision with a deadline or an owner: the SQL twin of `isFollowedUp`, from its rows. */
function followedUpFromRows(table: DecisionsTable): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${table}.due`)} is not null or exists (select 1 from decision_owners as fo where fo.decision_id = ${sql.ref(`${table}.id`)}))`;
}

/** A decision with a deadline or an owner, as stored by `refreshFollowedUp`. */
export function followedUp(table: DecisionsTable): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${table}.followed_up`)} = 1`;
}

/** A resolution: neither a deadline nor an owner. */
export function notFollowedUp(table: DecisionsTable): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${table}.followed_up`)} = 0`;
}

/**
 * Followed up and unfinished now, written as the partial index `decisions_unfinished_followed_idx`
 * is (literals, not parameters), so that the planner reads that index.
 */
export function unfinishedFollowedUp(table: DecisionsTable): RawBuilder<SqlBool> {
  const statuses = sql.join(UNFINISHED_STATUSES.map((s) => sql.lit(s)));
  return sql<SqlBool>`(${sql.ref(`${table}.followed_up`)} = 1 and ${sql.ref(`${table}.current_status`)} in (${statuses}))`;
}

/** Stores whether each decision is followed up; called in the transaction that changes its deadline or owners. */
export async function refreshFollowedUp(db: Executor, decisionId: number): Promise<void> {
  await db
    .updateTable('decisions as d')
    .set({ followed_up: sql<number>`case when ${followedUpFromRows('d')} then 1 else 0 end` })
    .where('d.id', '=', decisionId)
    .execute();
}
