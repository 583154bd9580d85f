// Server-sent events for following a sitting live (the read-out of decisions, members watching a
// draft): a `change` event whenever the group's data changes, through any app instance. The event
// carries no text: the page asks GET /api/sittings/:id again, which shows each reader their view.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { groupOf, readerOf } from '../http/caller.ts';
import { errorResponses, IdParams } from '../schemas/common.ts';
import { assertMayFollow, GroupChanges } from '../services/live.ts';

/** A comment line now and then keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 25_000;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;
  const changes = new GroupChanges(db);
  const streams = new Set<() => void>();
  // Open streams would keep the server from closing: they end first, and the pollers stop.
  app.addHook('preClose', async () => {
    changes.close();
    for (const end of [...streams]) end();
  });

  app.get(
    '/api/sittings/:id/events',
    {
      config: { access: 'sittings:read' },
      schema: {
        params: IdParams,
        response: { 200: Type.String({ description: 'text/event-stream: `change` events with the data version' }), ...errorResponses },
        produces: ['text/event-stream'],
      },
    },
    async (req, reply) => {
      const groupId = groupOf(req);
      await assertMayFollow(db, groupId, readerOf(req), req.params.id);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        // nginx would otherwise hold the events back in its buffer.
        'x-accel-buffering': 'no',
      });
      res.write('retry: 2000\n\n');
      const unsubscribe = changes.subscribe(groupId, (version) => res.write(`event: change\ndata: {"version":${version}}\n\n`));
      const heartbeat = setInterval(() => res.write(': \n\n'), HEARTBEAT_MS).unref();
      const end = () => {
        if (!streams.delete(end)) return;
        unsubscribe();
        clearInterval(heartbeat);
        if (!res.writableEnded) res.end();
      };
      streams.add(end);
      res.on('close', end);
    },
  );
};

export default routes;
