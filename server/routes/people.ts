// The directory of people.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, groupOf } from '../http/caller.ts';
import { deletedResponses, errorResponses, IdParams, VersionQuery } from '../schemas/common.ts';
import { NewPersonBody, PeopleQuery, Person, PersonPatchBody } from '../schemas/people.ts';
import { addPerson, editPerson, people, person, removePerson } from '../services/people.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;
  const read = { access: 'people:read' } as const;
  const write = { access: 'people:write' } as const;

  app.get('/api/people', { config: read, schema: { querystring: PeopleQuery, response: { 200: Type.Array(Person) } } }, (req) =>
    people(db, groupOf(req), req.query),
  );

  app.get('/api/people/:id', { config: read, schema: { params: IdParams, response: { 200: Person, ...errorResponses } } }, (req) =>
    person(db, groupOf(req), req.params.id),
  );

  app.post(
    '/api/people',
    { config: write, schema: { body: NewPersonBody, response: { 201: Person, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await addPerson(db, groupOf(req), actorOf(req), req.body)),
  );

  app.patch(
    '/api/people/:id',
    { config: write, schema: { params: IdParams, body: PersonPatchBody, response: { 200: Person, ...errorResponses } } },
    (req) => editPerson(db, groupOf(req), actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/people/:id',
    { config: write, schema: { params: IdParams, querystring: VersionQuery, response: deletedResponses } },
    async (req, reply) => {
      await removePerson(db, groupOf(req), actorOf(req), req.params.id, req.query.version);
      return reply.code(204).send(null);
    },
  );
};

export default routes;
