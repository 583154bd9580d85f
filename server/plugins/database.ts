// Gives every route the database and the group this installation serves.
import fp from 'fastify-plugin';
import type { Db } from '../db/database.ts';
import { ensureGroup } from '../repositories/group.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    /** The group whose records every request reads and writes. */
    groupId: number;
  }
}

export default fp<{ db: Db }>(
  async (app, { db }) => {
    const group = await ensureGroup(db);
    app.decorate('db', db);
    app.decorate('groupId', group.id);
  },
  { name: 'database' },
);
