// The SQL form of the decision vocabulary (domain/decision-state.ts), written once for every query
// that filters or counts decisions by it.
import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** How the query names the decisions table: `d` where aliased, else `decisions`. */
export type DecisionsTable = 'd' | 'decisions';

/** A decision with a deadline or an owner: the SQL twin of `isFollowedUp`. */
export function followedUp(table: DecisionsTable): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${table}.due`)} is not null or exists (select 1 from decision_owners as fo where fo.decision_id = ${sql.ref(`${table}.id`)}))`;
}

/** A resolution: neither a deadline nor an owner. */
export function notFollowedUp(table: DecisionsTable): RawBuilder<SqlBool> {
  return sql<SqlBool>`not ${followedUp(table)}`;
}
