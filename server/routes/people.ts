// The directory of people.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { personRecord } from '../repositories/audit-records.ts';
import { audited, auditedCreate } from '../http/audited.ts';
import { createPerson, deletePerson, getPerson, listPeople, updatePerson } from '../repositories/people.ts';
import { deletedResponses, errorResponses, IdParams, VersionQuery } from '../schemas/common.ts';
import { NewPersonBody, PeopleQuery, Person, PersonPatchBody } from '../schemas/people.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, groupId } = app;
  const read = { access: 'people:read' } as const;
  const write = { access: 'people:write' } as const;
  const PERSON = personRecord(groupId);

  app.get('/api/people', { config: read, schema: { querystring: PeopleQuery, response: { 200: Type.Array(Person) } } }, (req) =>
    listPeople(db, groupId, req.query),
  );

  app.get('/api/people/:id', { config: read, schema: { params: IdParams, response: { 200: Person, ...errorResponses } } }, (req) =>
    getPerson(db, groupId, req.params.id),
  );

  app.post(
    '/api/people',
    { config: write, schema: { body: NewPersonBody, response: { 201: Person, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await auditedCreate(app, req, PERSON, (trx) => createPerson(trx, groupId, req.body))),
  );

  app.patch(
    '/api/people/:id',
    { config: write, schema: { params: IdParams, body: PersonPatchBody, response: { 200: Person, ...errorResponses } } },
    (req) =>
      audited(app, req, { ...PERSON, action: 'update', recordId: req.params.id }, (trx) =>
        updatePerson(trx, groupId, req.params.id, req.body),
      ),
  );

  app.delete(
    '/api/people/:id',
    { config: write, schema: { params: IdParams, querystring: VersionQuery, response: deletedResponses } },
    async (req, reply) => {
      await audited(app, req, { ...PERSON, action: 'delete', recordId: req.params.id }, (trx) =>
        deletePerson(trx, groupId, req.params.id, req.query.version),
      );
      return reply.code(204).send(null);
    },
  );
};

export default routes;
