// The group's profile and minutes settings.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { getGroup, updateGroup } from '../repositories/group.ts';
import { errorResponses } from '../schemas/common.ts';
import { Group, GroupPatchBody } from '../schemas/group.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/group', { schema: { response: { 200: Group } } }, () => getGroup(app.db, app.groupId));

  app.patch('/api/group', { schema: { body: GroupPatchBody, response: { 200: Group, ...errorResponses } } }, (req) =>
    updateGroup(app.db, app.groupId, req.body),
  );
};

export default routes;
