// The group's profile and minutes settings, and for the host admin the host's groups and the links
// that make a new group's first admin.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { setupLinkOf } from '../domain/setup-token.ts';
import { baseUrlOf } from '../http/base-url.ts';
import { actorOf, groupOf } from '../http/caller.ts';
import { errorResponses, IdParams } from '../schemas/common.ts';
import { CreatedGroup, Group, GroupPatchBody, GroupSummary, NewGroupBody, SetupLink } from '../schemas/group.ts';
import {
  addGroupWithSetupLink,
  changeGroupSettings,
  groupSettings,
  hostGroups,
  issueGroupSetupLink,
  type IssuedSetupLink,
} from '../services/group.ts';

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

  const linkOf = (req: FastifyRequest, issued: IssuedSetupLink): SetupLink => ({
    setupLink: setupLinkOf(baseUrlOf(req), issued.secret),
    setupLinkExpiresAt: issued.expiresAt,
  });

  app.post(
    '/api/groups',
    { config: host, schema: { body: NewGroupBody, response: { 201: CreatedGroup, ...errorResponses } } },
    async (req, reply) => {
      const { group, setupLink } = await addGroupWithSetupLink(db, actorOf(req), req.body);
      return reply.code(201).send({ ...group, ...linkOf(req, setupLink) });
    },
  );

  // A fresh link for a group still without an admin, e.g. when the first one expired unused.
  app.post(
    '/api/groups/:id/setup-link',
    { config: host, schema: { params: IdParams, response: { 201: SetupLink, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(linkOf(req, await issueGroupSetupLink(db, actorOf(req), req.params.id))),
  );
};

export default routes;
