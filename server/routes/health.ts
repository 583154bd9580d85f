// GET /health for load balancers, container health checks and monitoring: 200 when the app can serve,
// 503 when its database cannot. No login and no data in the answer, so it is safe to expose.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Health } from '../schemas/health.ts';
import { databaseReady } from '../services/health.ts';

const routes: FastifyPluginAsyncTypebox<{ databaseFile: string | null }> = async (app, { databaseFile }) => {
  const { db } = app;
  app.get(
    '/health',
    {
      // Probed every few seconds: its request lines would drown the log at info; a failure is logged
      // as a warning below.
      logLevel: 'warn',
      config: { access: 'public' },
      schema: { response: { 200: Health, 503: Health } },
    },
    async (_req, reply) => {
      const ready = await databaseReady(db, databaseFile);
      if (!ready) app.log.warn({ databaseFile }, 'health: the database is not ready');
      void reply.header('cache-control', 'no-store');
      return ready ? reply.code(200).send({ status: 'ok' }) : reply.code(503).send({ status: 'unavailable' });
    },
  );
};

export default routes;
