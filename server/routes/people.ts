// The directory of people.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { createPerson, deletePerson, getPerson, listPeople, updatePerson } from '../repositories/people.ts';
import { deletedResponses, errorResponses, IdParams, VersionQuery } from '../schemas/common.ts';
import { NewPersonBody, PeopleQuery, Person, PersonPatchBody } from '../schemas/people.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/people', { schema: { querystring: PeopleQuery, response: { 200: Type.Array(Person) } } }, (req) =>
    listPeople(app.db, app.groupId, req.query),
  );

  app.get('/api/people/:id', { schema: { params: IdParams, response: { 200: Person, ...errorResponses } } }, (req) =>
    getPerson(app.db, app.groupId, req.params.id),
  );

  app.post('/api/people', { schema: { body: NewPersonBody, response: { 201: Person, ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await createPerson(app.db, app.groupId, req.body)),
  );

  app.patch(
    '/api/people/:id',
    { schema: { params: IdParams, body: PersonPatchBody, response: { 200: Person, ...errorResponses } } },
    (req) => updatePerson(app.db, app.groupId, req.params.id, req.body),
  );

  app.delete(
    '/api/people/:id',
    { schema: { params: IdParams, querystring: VersionQuery, response: deletedResponses } },
    async (req, reply) => {
      await deletePerson(app.db, app.groupId, req.params.id, req.query.version);
      return reply.code(204).send(null);
    },
  );
};

export default routes;
