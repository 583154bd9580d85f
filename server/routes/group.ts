// The group's profile and minutes settings, and the host's groups for the host admin.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, groupOf } from '../http/caller.ts';
import { errorResponses } from '../schemas/common.ts';
import { Group, GroupPatchBody, GroupSummary, NewGroupBody } from '../schemas/group.ts';
import { addGroup, changeGroupSettings, groupSettings, hostGroups } from '../services/group.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  app.get('/api/group', { config: { access: 'authenticated' }, schema: { response: { 200: Group } } }, (req) =>
    groupSettings(db, groupOf(req)),
  );

  app.patch(
    '/api/group',
    { config: { access: 'settings:write' }, schema: { body: GroupPatchBody, response: { 200: Group, ...errorResponses } } },
    (req) => changeGroupSettings(db, groupOf(req), actorOf(req), req.body),
  );

  const host = { access: 'groups:manage' } as const;

  app.get('/api/groups', { config: host, schema: { response: { 200: Type.Array(GroupSummary), ...errorResponses } } }, () =>
    hostGroups(db),
  );

  app.post(
    '/api/groups',
    { config: host, schema: { body: NewGroupBody, response: { 201: Group, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await addGroup(db, actorOf(req), req.body)),
  );
};

export default routes;
