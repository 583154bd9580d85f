// The group's profile and minutes settings.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../http/caller.ts';
import { errorResponses } from '../schemas/common.ts';
import { Group, GroupPatchBody } from '../schemas/group.ts';
import { changeGroupSettings, groupSettings } from '../services/group.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, groupId } = app;

  app.get('/api/group', { config: { access: 'authenticated' }, schema: { response: { 200: Group } } }, () => groupSettings(db, groupId));

  app.patch(
    '/api/group',
    { config: { access: 'settings:write' }, schema: { body: GroupPatchBody, response: { 200: Group, ...errorResponses } } },
    (req) => changeGroupSettings(db, groupId, actorOf(req), req.body),
  );
};

export default routes;
