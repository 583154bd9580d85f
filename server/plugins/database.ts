// Gives every route the database, and makes sure a fresh installation has its first group.
import fp from 'fastify-plugin';
import type { Db } from '../db/database.ts';
import { inRequestScope } from '../db/group-scope.ts';
import { ensureGroup } from '../repositories/group.ts';
import { compactSearchIndex } from '../repositories/search-index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

export default fp<{ db: Db }>(
  async (app, { db }) => {
    // Requests take their group from the session (http/caller.ts groupOf), never from here.
    await ensureGroup(db);
    await compactSearchIndex(db);
    app.decorate('db', db);
    // Each request runs in a scope of its own, narrowed to its session's group by the auth plugin.
    app.addHook('onRequest', (_request, _reply, done) => inRequestScope(done));
  },
  { name: 'database' },
);
