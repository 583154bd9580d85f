// The group's profile and minutes settings.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { audited } from '../http/audited.ts';
import { getGroup, updateGroup } from '../repositories/group.ts';
import { errorResponses } from '../schemas/common.ts';
import { Group, GroupPatchBody } from '../schemas/group.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, groupId } = app;

  app.get('/api/group', { config: { access: 'authenticated' }, schema: { response: { 200: Group } } }, () => getGroup(db, groupId));

  app.patch(
    '/api/group',
    { config: { access: 'settings:write' }, schema: { body: GroupPatchBody, response: { 200: Group, ...errorResponses } } },
    (req) =>
      audited(app, req, { action: 'update', recordType: 'group', recordId: groupId, load: (trx) => getGroup(trx, groupId) }, (trx) =>
        updateGroup(trx, groupId, req.body),
      ),
  );
};

export default routes;
