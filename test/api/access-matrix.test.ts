// Every role (and no session) against every API route: who gets 2xx, 401, 403 or 404.
import type { InjectOptions } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/db/database.ts';
import { signLink } from '../../server/domain/mail.ts';
import { mailSecret } from '../../server/repositories/mail.ts';
import { AuditQuery } from '../../server/schemas/audit.ts';
import { SYSTEM } from '../../server/services/audit.ts';
import { addGroup } from '../../server/services/group.ts';
import { testApp, withSession, type Session, type TestApp } from '../support/app.ts';
import { variantProtocolDocx } from '../support/old-protocol-docx.ts';
import { nr7 } from '../support/reference.ts';

type Who = Role | 'nobody';
const EVERYONE: Who[] = ['admin', 'secretary', 'chair', 'member', 'guest', 'host_admin', 'nobody'];
const STAFF: Role[] = ['admin', 'secretary'];
const READERS: Role[] = ['admin', 'secretary', 'chair', 'member'];
const ALL_ROLES: Role[] = ['admin', 'secretary', 'chair', 'member', 'guest'];
/** A group's roles and the host admin, who manages groups but reads none of their minutes. */
const ANY_ACCOUNT: Role[] = [...ALL_ROLES, 'host_admin'];

let t: TestApp;
const sessions = new Map<Who, Session | null>();
let people: Record<string, number>;
let nr7Id: number;
let attendedId: number;
let number = 100;
/** A real (empty) PDF: a signed copy must be built like one. */
const PDF = Buffer.from(await (await PDFDocument.create()).save());

/** Admin-made fixtures, fresh for each request so that every allowed call can succeed. */
const admin = (options: InjectOptions) => t.call(options);
const SMALL_PLAN = {
  format: 'protokols-plan/1',
  title: 'Plāns',
  period: { from: 2025, to: 2027 },
  goals: [{ number: 1, title: 'Mērķis', activities: [{ number: '1.1.', text: 'Aktivitāte.' }] }],
};
async function newPlan(): Promise<number> {
  return (await admin({ method: 'POST', url: '/api/plans/import', payload: SMALL_PLAN })).body.id;
}
async function newActivity(): Promise<number> {
  return (await admin({ method: 'GET', url: `/api/plans/${await newPlan()}/overview` })).body.goals[0].activities[0].id;
}
async function importDoc(change: Partial<ReturnType<typeof nr7>> = {}) {
  const res = await admin({
    method: 'POST',
    url: '/api/sittings/import',
    payload: { ...nr7(), number: number++, date: '2025-06-01', ...change },
  });
  expect(res.status).toBe(201);
  return (await admin({ method: 'GET', url: `/api/sittings/${res.body.id}` })).body;
}

/** A draft sitting whose one invited specialist has an address; announced when asked (its invitation is then in the outbox). */
async function draftWithInvitee(announce: boolean): Promise<number> {
  const person = (
    await admin({ method: 'POST', url: '/api/people', payload: { fullName: `Speciālists Nr${number++}`, email: 'spec@example.lv' } })
  ).body.id;
  const s = (await admin({ method: 'POST', url: '/api/sittings', payload: { date: '2026-12-01', number: number++ } })).body;
  await admin({ method: 'POST', url: `/api/sittings/${s.id}/attendance`, payload: { personId: person, role: 'invited' } });
  if (announce) expect((await admin({ method: 'POST', url: `/api/sittings/${s.id}/announce` })).status).toBe(200);
  return s.id;
}

/** A signed mail link for the owner of one of Nr. 7's decisions, and that decision. */
async function ownerLink(purpose: 'outside' | 'unsubscribe') {
  const decision = (await admin({ method: 'GET', url: `/api/sittings/${nr7Id}` })).body.decisions.find(
    (d: { owners: Array<{ personId: number | null }> }) => d.owners.some((o) => o.personId !== null),
  );
  const personId = decision.owners.find((o: { personId: number | null }) => o.personId !== null).personId as number;
  const token = signLink(await mailSecret(t.db), {
    purpose,
    groupId: t.groupId,
    personId,
    expires: purpose === 'outside' ? 4102444800 : null,
  });
  return { token, decisionId: decision.id as number };
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const wordFile = () => variantProtocolDocx({ number: number++, writtenDate: '2026. gada 2. martā', startLine: 'Sēde sākās plkst. 15:00' });
async function importWord() {
  const res = await admin({
    method: 'POST',
    url: '/api/sittings/import-word',
    headers: { 'content-type': DOCX },
    payload: await wordFile(),
  });
  expect(res.status).toBe(201);
  return (await admin({ method: 'GET', url: `/api/sittings/${res.body.id}` })).body;
}

interface Route {
  name: string;
  /** Roles that succeed; everyone else with a session gets 403 (or 404 where `hidden`). */
  allowed: Role[];
  success: number;
  /** Status for a logged-in role outside `allowed` when it differs from 403. */
  others?: Partial<Record<Role, number>>;
  /** Status without a session (401 unless public). */
  nobody?: number;
  request: () => Promise<InjectOptions>;
}

const routes: Route[] = [
  { name: 'GET /api/me', allowed: ANY_ACCOUNT, success: 200, request: async () => ({ method: 'GET', url: '/api/me' }) },
  { name: 'GET /api/group', allowed: ANY_ACCOUNT, success: 200, request: async () => ({ method: 'GET', url: '/api/group' }) },
  { name: 'GET /api/groups', allowed: ['host_admin'], success: 200, request: async () => ({ method: 'GET', url: '/api/groups' }) },
  {
    name: 'POST /api/groups',
    allowed: ['host_admin'],
    success: 201,
    request: async () => ({ method: 'POST', url: '/api/groups', payload: { name: `Grupa ${number++}`, municipality: 'Cēsu novads' } }),
  },
  {
    name: 'POST /api/groups/:id/setup-link',
    allowed: ['host_admin'],
    success: 201,
    request: async () => {
      const group = await addGroup(t.db, SYSTEM, { name: `Grupa ${number++}`, municipality: 'Cēsu novads' });
      return { method: 'POST', url: `/api/groups/${group.id}/setup-link` };
    },
  },
  {
    name: 'PATCH /api/group',
    allowed: ['admin'],
    success: 200,
    request: async () => ({
      method: 'PATCH',
      url: '/api/group',
      payload: { version: (await admin({ method: 'GET', url: '/api/group' })).body.version, defaultPlace: 'Cēsīs' },
    }),
  },
  { name: 'GET /api/users', allowed: ['admin'], success: 200, request: async () => ({ method: 'GET', url: '/api/users' }) },
  {
    name: 'POST /api/users',
    allowed: ['admin'],
    success: 201,
    request: async () => ({
      method: 'POST',
      url: '/api/users',
      payload: { login: `jauns${number++}`, password: 'garāka-parole-1', role: 'member' },
    }),
  },
  {
    name: 'PATCH /api/users/:id',
    allowed: ['admin'],
    success: 200,
    request: async () => {
      const u = (
        await admin({
          method: 'POST',
          url: '/api/users',
          payload: { login: `mainams${number++}`, password: 'garāka-parole-1', role: 'member' },
        })
      ).body;
      return { method: 'PATCH', url: `/api/users/${u.id}`, payload: { version: u.version, role: 'chair' } };
    },
  },
  {
    name: 'POST /api/users/:id/password-reset',
    allowed: ['admin'],
    success: 200,
    request: async () => {
      const u = (await admin({ method: 'POST', url: '/api/users', payload: { login: `atjaunojams${number++}`, role: 'member' } })).body;
      return { method: 'POST', url: `/api/users/${u.id}/password-reset`, payload: { version: u.version } };
    },
  },
  { name: 'GET /api/audit', allowed: ['admin'], success: 200, request: async () => ({ method: 'GET', url: '/api/audit?limit=5' }) },
  {
    name: 'GET /api/audit (a filtered later page)',
    allowed: ['admin'],
    success: 200,
    request: async () => ({
      method: 'GET',
      url: '/api/audit?limit=2&after=1&recordType=sitting&recordId=1&userId=1&from=2025-01-01&to=2099-12-31',
    }),
  },
  { name: 'GET /api/people', allowed: READERS, success: 200, request: async () => ({ method: 'GET', url: '/api/people' }) },
  {
    name: 'GET /api/people/:id',
    allowed: READERS,
    success: 200,
    request: async () => ({ method: 'GET', url: `/api/people/${people['Elita Rancāne']}` }),
  },
  {
    name: 'POST /api/people',
    allowed: STAFF,
    success: 201,
    request: async () => ({ method: 'POST', url: '/api/people', payload: { fullName: 'Jauna Persona' } }),
  },
  {
    name: 'PATCH /api/people/:id',
    allowed: STAFF,
    success: 200,
    request: async () => {
      const p = (await admin({ method: 'POST', url: '/api/people', payload: { fullName: 'Labojamā Persona' } })).body;
      return { method: 'PATCH', url: `/api/people/${p.id}`, payload: { version: p.version, position: 'jauns amats' } };
    },
  },
  {
    name: 'DELETE /api/people/:id',
    allowed: STAFF,
    success: 204,
    request: async () => {
      const p = (await admin({ method: 'POST', url: '/api/people', payload: { fullName: 'Dzēšamā Persona' } })).body;
      return { method: 'DELETE', url: `/api/people/${p.id}?version=${p.version}` };
    },
  },
  { name: 'GET /api/search', allowed: ALL_ROLES, success: 200, request: async () => ({ method: 'GET', url: '/api/search?q=ranca' }) },
  { name: 'GET /api/sittings', allowed: ALL_ROLES, success: 200, request: async () => ({ method: 'GET', url: '/api/sittings' }) },
  {
    name: 'GET /api/sittings/:id (attended by the guest)',
    allowed: ALL_ROLES,
    success: 200,
    request: async () => ({ method: 'GET', url: `/api/sittings/${attendedId}` }),
  },
  {
    name: 'GET /api/sittings/:id (not attended by the guest)',
    allowed: READERS,
    success: 200,
    others: { guest: 404 },
    request: async () => ({ method: 'GET', url: `/api/sittings/${nr7Id}` }),
  },
  {
    name: 'POST /api/sittings',
    allowed: STAFF,
    success: 201,
    request: async () => ({ method: 'POST', url: '/api/sittings', payload: { date: '2025-01-01', number: number++ } }),
  },
  {
    name: 'PATCH /api/sittings/:id',
    allowed: STAFF,
    success: 200,
    request: async () => {
      const s = await importDoc();
      return { method: 'PATCH', url: `/api/sittings/${s.id}`, payload: { version: s.version, place: 'Priekuļos' } };
    },
  },
  {
    name: 'DELETE /api/sittings/:id',
    allowed: STAFF,
    success: 204,
    request: async () => {
      const s = await importDoc();
      return { method: 'DELETE', url: `/api/sittings/${s.id}?version=${s.version}` };
    },
  },
  {
    name: 'POST /api/sittings/import',
    allowed: STAFF,
    success: 201,
    request: async () => ({ method: 'POST', url: '/api/sittings/import', payload: { ...nr7(), number: number++ } }),
  },
  {
    name: 'GET /api/sittings/:id/export',
    allowed: READERS,
    success: 200,
    request: async () => ({ method: 'GET', url: `/api/sittings/${nr7Id}/export` }),
  },
  {
    name: 'POST /api/sittings/:id/attendance',
    allowed: STAFF,
    success: 201,
    request: async () => ({
      method: 'POST',
      url: `/api/sittings/${(await importDoc()).id}/attendance`,
      payload: { name: 'Viesis Jauns', role: 'invited' },
    }),
  },
  {
    name: 'PATCH /api/attendance/:id',
    allowed: STAFF,
    success: 200,
    request: async () => {
      const a = (await importDoc()).attendance[0];
      return { method: 'PATCH', url: `/api/attendance/${a.id}`, payload: { version: a.version, role: 'absent', reason: 'slims' } };
    },
  },
  {
    name: 'DELETE /api/attendance/:id',
    allowed: STAFF,
    success: 204,
    request: async () => {
      const a = (await importDoc()).attendance[0];
      return { method: 'DELETE', url: `/api/attendance/${a.id}?version=${a.version}` };
    },
  },
  {
    name: 'POST /api/sittings/:id/agenda-items',
    allowed: STAFF,
    success: 201,
    request: async () => ({ method: 'POST', url: `/api/sittings/${(await importDoc()).id}/agenda-items`, payload: { title: 'Dažādi' } }),
  },
  {
    name: 'PATCH /api/agenda-items/:id',
    allowed: STAFF,
    success: 200,
    request: async () => {
      const i = (await importDoc()).agendaItems[0];
      return { method: 'PATCH', url: `/api/agenda-items/${i.id}`, payload: { version: i.version, proceedings: 'Teksts.' } };
    },
  },
  {
    name: 'POST /api/agenda-items/:id/move',
    allowed: STAFF,
    success: 200,
    request: async () => {
      const i = (await importDoc()).agendaItems[0];
      return { method: 'POST', url: `/api/agenda-items/${i.id}/move`, payload: { version: i.version, to: 2 } };
    },
  },
  {
    name: 'DELETE /api/agenda-items/:id',
    allowed: STAFF,
    success: 204,
    request: async () => {
      const i = (await importDoc()).agendaItems[0];
      return { method: 'DELETE', url: `/api/agenda-items/${i.id}?version=${i.version}` };
    },
  },
  {
    name: 'POST /api/sittings/:id/decisions',
    allowed: STAFF,
    success: 201,
    request: async () => ({
      method: 'POST',
      url: `/api/sittings/${(await importDoc()).id}/decisions`,
      payload: { text: 'Pieņemt zināšanai.' },
    }),
  },
  {
    name: 'PATCH /api/decisions/:id',
    allowed: STAFF,
    success: 200,
    request: async () => {
      const d = (await importDoc()).decisions[0];
      return { method: 'PATCH', url: `/api/decisions/${d.id}`, payload: { version: d.version, text: 'Labots.' } };
    },
  },
  {
    name: 'POST /api/decisions/:id/move',
    allowed: STAFF,
    success: 200,
    request: async () => {
      const d = (await importDoc()).decisions[0];
      return { method: 'POST', url: `/api/decisions/${d.id}/move`, payload: { version: d.version, to: 3 } };
    },
  },
  {
    name: 'DELETE /api/decisions/:id',
    allowed: STAFF,
    success: 204,
    request: async () => {
      const d = (await importDoc()).decisions[0];
      return { method: 'DELETE', url: `/api/decisions/${d.id}?version=${d.version}` };
    },
  },
  {
    name: 'POST /api/sittings/:id/decisions/renumber',
    allowed: STAFF,
    success: 200,
    request: async () => {
      const s = await importDoc();
      return { method: 'POST', url: `/api/sittings/${s.id}/decisions/renumber`, payload: { version: s.version } };
    },
  },
  {
    name: 'POST /api/sittings/:id/reviews',
    allowed: STAFF,
    success: 201,
    request: async () => {
      const later = await importDoc({ date: '2025-09-08', decisions: [] });
      return {
        method: 'POST',
        url: `/api/sittings/${later.id}/reviews`,
        payload: { decisionId: later.carryOver[0].decisionId, status: 'done' },
      };
    },
  },
  {
    name: 'PATCH /api/reviews/:id',
    allowed: STAFF,
    success: 200,
    request: async () => {
      const later = await importDoc({ date: '2025-09-08', decisions: [] });
      const r = (
        await admin({
          method: 'POST',
          url: `/api/sittings/${later.id}/reviews`,
          payload: { decisionId: later.carryOver[0].decisionId, status: 'done' },
        })
      ).body;
      return { method: 'PATCH', url: `/api/reviews/${r.id}`, payload: { version: r.version, status: 'in_progress' } };
    },
  },
  {
    name: 'DELETE /api/reviews/:id',
    allowed: STAFF,
    success: 204,
    request: async () => {
      const later = await importDoc({ date: '2025-09-08', decisions: [] });
      const r = (
        await admin({
          method: 'POST',
          url: `/api/sittings/${later.id}/reviews`,
          payload: { decisionId: later.carryOver[0].decisionId, status: 'done' },
        })
      ).body;
      return { method: 'DELETE', url: `/api/reviews/${r.id}?version=${r.version}` };
    },
  },
  {
    name: 'GET minutes.docx (attended)',
    allowed: ALL_ROLES,
    success: 200,
    request: async () => ({ method: 'GET', url: `/api/sittings/${attendedId}/minutes.docx` }),
  },
  {
    name: 'GET minutes.html (attended)',
    allowed: ALL_ROLES,
    success: 200,
    request: async () => ({ method: 'GET', url: `/api/sittings/${attendedId}/minutes.html` }),
  },
  {
    name: 'GET minutes.docx (not attended)',
    allowed: READERS,
    success: 200,
    others: { guest: 404 },
    request: async () => ({ method: 'GET', url: `/api/sittings/${nr7Id}/minutes.docx` }),
  },
  {
    name: 'GET /api/sittings/:id/signatures',
    allowed: ALL_ROLES,
    success: 200,
    request: async () => ({ method: 'GET', url: `/api/sittings/${attendedId}/signatures` }),
  },
  {
    name: 'GET /api/sittings/:id/signatures/:n/minutes.docx',
    allowed: READERS,
    success: 200,
    others: { guest: 404 },
    request: async () => ({ method: 'GET', url: `/api/sittings/${(await importDoc({ signed: true })).id}/signatures/1/minutes.docx` }),
  },
  {
    name: 'POST /api/sittings/:id/sign',
    allowed: ['admin', 'secretary', 'chair'],
    success: 200,
    request: async () => {
      // Dated before every other sitting and deciding nothing: nothing carries to or from it.
      const s = await importDoc({ date: '2020-01-01', decisions: [] });
      return { method: 'POST', url: `/api/sittings/${s.id}/sign`, payload: { version: s.version } };
    },
  },
  {
    name: 'POST /api/sittings/:id/amend',
    allowed: ['admin', 'chair'],
    success: 204,
    request: async () => {
      const s = await importDoc({ signed: true });
      return { method: 'POST', url: `/api/sittings/${s.id}/amend`, payload: { version: s.version, reason: 'Labota drukas kļūda.' } };
    },
  },
  {
    name: 'POST /api/sittings/:id/signed-copy',
    allowed: STAFF,
    success: 201,
    request: async () => ({
      method: 'POST',
      url: `/api/sittings/${(await importDoc({ signed: true })).id}/signed-copy`,
      headers: { 'content-type': 'application/pdf' },
      payload: PDF,
    }),
  },
  {
    name: 'GET /api/sittings/:id/signed-copy',
    allowed: READERS,
    success: 200,
    request: async () => {
      const s = await importDoc({ signed: true });
      await admin({
        method: 'POST',
        url: `/api/sittings/${s.id}/signed-copy`,
        headers: { 'content-type': 'application/pdf' },
        payload: PDF,
      });
      return { method: 'GET', url: `/api/sittings/${s.id}/signed-copy` };
    },
  },
  {
    name: 'POST /api/sittings/import-word',
    allowed: STAFF,
    success: 201,
    request: async () => ({
      method: 'POST',
      url: '/api/sittings/import-word',
      headers: { 'content-type': DOCX },
      payload: await wordFile(),
    }),
  },
  {
    name: 'GET /api/sittings/:id/word-import',
    allowed: READERS,
    success: 200,
    others: { guest: 404 },
    request: async () => ({ method: 'GET', url: `/api/sittings/${(await importWord()).id}/word-import` }),
  },
  {
    name: 'GET /api/sittings/:id/word-import/original',
    allowed: READERS,
    success: 200,
    request: async () => ({ method: 'GET', url: `/api/sittings/${(await importWord()).id}/word-import/original` }),
  },
  {
    name: 'POST /api/sittings/:id/confirm-import',
    allowed: STAFF,
    success: 200,
    request: async () => {
      const s = await importWord();
      return { method: 'POST', url: `/api/sittings/${s.id}/confirm-import`, payload: { version: s.version } };
    },
  },
  {
    name: 'POST /api/decisions/mark-done',
    allowed: STAFF,
    success: 200,
    request: async () => ({ method: 'POST', url: '/api/decisions/mark-done', payload: { before: '2025-01-01' } }),
  },
  { name: 'GET /api/decisions', allowed: READERS, success: 200, request: async () => ({ method: 'GET', url: '/api/decisions' }) },
  { name: 'GET /api/decisions.csv', allowed: READERS, success: 200, request: async () => ({ method: 'GET', url: '/api/decisions.csv' }) },
  {
    name: 'GET /api/decisions/:id',
    allowed: READERS,
    success: 200,
    request: async () => ({
      method: 'GET',
      url: `/api/decisions/${(await admin({ method: 'GET', url: `/api/sittings/${nr7Id}` })).body.decisions[1].id}`,
    }),
  },
  {
    name: "POST /api/decisions/:id/notes (someone else's decision)",
    allowed: STAFF,
    success: 201,
    request: async () => ({
      method: 'POST',
      url: `/api/decisions/${(await admin({ method: 'GET', url: `/api/sittings/${nr7Id}` })).body.decisions[1].id}/notes`,
      payload: { note: 'Progress.' },
    }),
  },
  {
    name: "GET /api/people/:id/actions (someone else's)",
    allowed: STAFF,
    success: 200,
    request: async () => ({ method: 'GET', url: `/api/people/${people['Inga Kārkliņa']}/actions` }),
  },
  {
    name: 'GET /api/me/actions',
    allowed: ['secretary', 'chair', 'member', 'guest'],
    success: 200,
    request: async () => ({ method: 'GET', url: '/api/me/actions' }),
  },
  {
    name: 'GET /api/me/actions.ics',
    allowed: ['secretary', 'chair', 'member', 'guest'],
    success: 200,
    request: async () => ({ method: 'GET', url: '/api/me/actions.ics' }),
  },
  {
    name: 'POST /api/me/calendar-token',
    allowed: ['secretary', 'chair', 'member', 'guest'],
    success: 201,
    request: async () => ({ method: 'POST', url: '/api/me/calendar-token' }),
  },
  {
    name: "POST /api/people/:id/calendar-token (someone else's)",
    allowed: STAFF,
    success: 201,
    request: async () => ({ method: 'POST', url: `/api/people/${people['Inga Kārkliņa']}/calendar-token` }),
  },
  {
    name: 'GET /api/people/:id/actions.ics (wrong token)',
    allowed: [],
    success: 200,
    others: { admin: 404, secretary: 404, chair: 404, member: 404, guest: 404, host_admin: 404 },
    nobody: 404,
    request: async () => ({ method: 'GET', url: `/api/people/${people['Elita Rancāne']}/actions.ics?token=nav-derigs` }),
  },
  {
    name: 'POST /api/sittings/:id/announce',
    allowed: STAFF,
    success: 200,
    request: async () => ({ method: 'POST', url: `/api/sittings/${await draftWithInvitee(false)}/announce` }),
  },
  { name: 'GET /api/outbox', allowed: ['admin'], success: 200, request: async () => ({ method: 'GET', url: '/api/outbox' }) },
  {
    name: 'GET /api/outbox/:id',
    allowed: ['admin'],
    success: 200,
    request: async () => {
      await draftWithInvitee(true);
      return { method: 'GET', url: `/api/outbox/${(await admin({ method: 'GET', url: '/api/outbox' })).body[0].id}` };
    },
  },
  {
    name: 'POST /api/outbox/:id/resend',
    allowed: ['admin'],
    success: 200,
    request: async () => {
      await draftWithInvitee(true);
      return { method: 'POST', url: `/api/outbox/${(await admin({ method: 'GET', url: '/api/outbox' })).body[0].id}/resend` };
    },
  },
  { name: 'GET /api/mail/settings', allowed: ['admin'], success: 200, request: async () => ({ method: 'GET', url: '/api/mail/settings' }) },
  {
    name: 'PATCH /api/mail/settings',
    allowed: ['admin'],
    success: 200,
    request: async () => ({
      method: 'PATCH',
      url: '/api/mail/settings',
      payload: { version: (await admin({ method: 'GET', url: '/api/mail/settings' })).body.version, reminderDaysBefore: 5 },
    }),
  },
  {
    name: "GET /api/outside/:token (an outside owner's signed link: no login)",
    allowed: ANY_ACCOUNT,
    success: 200,
    nobody: 200,
    request: async () => ({ method: 'GET', url: `/api/outside/${(await ownerLink('outside')).token}` }),
  },
  {
    name: 'POST /api/outside/:token/notes',
    allowed: ANY_ACCOUNT,
    success: 200,
    nobody: 200,
    request: async () => {
      const { token, decisionId } = await ownerLink('outside');
      return { method: 'POST', url: `/api/outside/${token}/notes`, payload: { decisionId, note: 'Izpilde turpinās.' } };
    },
  },
  {
    name: 'GET /api/mail/unsubscribe/:token',
    allowed: ANY_ACCOUNT,
    success: 200,
    nobody: 200,
    request: async () => ({ method: 'GET', url: `/api/mail/unsubscribe/${(await ownerLink('unsubscribe')).token}` }),
  },
  {
    name: 'POST /api/mail/unsubscribe/:token',
    allowed: ANY_ACCOUNT,
    success: 200,
    nobody: 200,
    request: async () => ({
      method: 'POST',
      url: `/api/mail/unsubscribe/${(await ownerLink('unsubscribe')).token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    }),
  },
  {
    name: 'GET /api/openapi.json',
    allowed: ANY_ACCOUNT,
    success: 200,
    nobody: 200,
    request: async () => ({ method: 'GET', url: '/api/openapi.json' }),
  },
  { name: 'GET /api/plans', allowed: READERS, success: 200, request: async () => ({ method: 'GET', url: '/api/plans' }) },
  {
    name: 'POST /api/plans/import',
    allowed: STAFF,
    success: 201,
    request: async () => ({ method: 'POST', url: '/api/plans/import', payload: SMALL_PLAN }),
  },
  {
    name: 'GET /api/plans/:id',
    allowed: READERS,
    success: 200,
    request: async () => ({ method: 'GET', url: `/api/plans/${await newPlan()}` }),
  },
  {
    name: 'GET /api/plans/:id/overview',
    allowed: READERS,
    success: 200,
    request: async () => ({ method: 'GET', url: `/api/plans/${await newPlan()}/overview` }),
  },
  {
    name: 'PATCH /api/plans/:id',
    allowed: STAFF,
    success: 200,
    request: async () => ({
      method: 'PATCH',
      url: `/api/plans/${await newPlan()}`,
      payload: { version: 1, changeNote: 'aktualizēts 2026. gada novembrī' },
    }),
  },
  {
    name: 'POST /api/plans/:id/activities',
    allowed: STAFF,
    success: 201,
    request: async () => ({ method: 'POST', url: `/api/plans/${await newPlan()}/activities`, payload: { number: '1.2.', text: 'Jauna.' } }),
  },
  {
    name: 'GET /api/plan-activities',
    allowed: READERS,
    success: 200,
    request: async () => ({ method: 'GET', url: '/api/plan-activities?q=1.1' }),
  },
  {
    name: 'GET /api/plan-activities/:id',
    allowed: READERS,
    success: 200,
    request: async () => ({ method: 'GET', url: `/api/plan-activities/${await newActivity()}` }),
  },
  {
    name: 'PATCH /api/plan-activities/:id',
    allowed: STAFF,
    success: 200,
    request: async () => ({ method: 'PATCH', url: `/api/plan-activities/${await newActivity()}`, payload: { version: 1, text: 'Cits.' } }),
  },
  {
    name: 'GET /api/plan-activities/:id/status/:year',
    allowed: READERS,
    success: 200,
    request: async () => ({ method: 'GET', url: `/api/plan-activities/${await newActivity()}/status/2026` }),
  },
  {
    name: 'PUT /api/plan-activities/:id/status/:year',
    allowed: STAFF,
    success: 200,
    request: async () => ({
      method: 'PUT',
      url: `/api/plan-activities/${await newActivity()}/status/2026`,
      payload: { status: 'done', done: 'Notika.' },
    }),
  },
  {
    name: 'GET /api/plans/:id/report.docx',
    allowed: READERS,
    success: 200,
    request: async () => ({ method: 'GET', url: `/api/plans/${await newPlan()}/report.docx?year=2026` }),
  },
  {
    name: 'GET /api/plans/:id/report.html',
    allowed: READERS,
    success: 200,
    request: async () => ({ method: 'GET', url: `/api/plans/${await newPlan()}/report.html?year=2026` }),
  },
  {
    name: 'GET /api/agenda-items/:id/plan-activities',
    allowed: READERS,
    success: 200,
    request: async () => ({ method: 'GET', url: `/api/agenda-items/${(await importDoc()).agendaItems[0].id}/plan-activities` }),
  },
  {
    name: 'PUT /api/agenda-items/:id/plan-activities',
    allowed: STAFF,
    success: 200,
    request: async () => ({
      method: 'PUT',
      url: `/api/agenda-items/${(await importDoc()).agendaItems[0].id}/plan-activities`,
      payload: { activityIds: [await newActivity()] },
    }),
  },
];

beforeAll(async () => {
  t = await testApp('admin');
  sessions.set('admin', null);
  sessions.set('nobody', null);
  nr7Id = (await admin({ method: 'POST', url: '/api/sittings/import', payload: nr7() })).body.id;
  attendedId = (
    await admin({
      method: 'POST',
      url: '/api/sittings/import',
      payload: { ...nr7(), number: 8, date: '2025-09-08', invited: [{ name: 'M. Šteins', position: 'deputāts' }] },
    })
  ).body.id;
  const list = (await admin({ method: 'GET', url: '/api/people' })).body as Array<{ id: number; fullName: string }>;
  people = Object.fromEntries(list.map((p) => [p.fullName, p.id]));
  sessions.set('secretary', await t.loginAs('secretary', people['Elita Rancāne']));
  sessions.set('chair', await t.loginAs('chair', people['Guntars Norbuts']));
  sessions.set('member', await t.loginAs('member', people['Kristīne Berga']));
  sessions.set('guest', await t.loginAs('guest', people['M. Šteins']));
  sessions.set('host_admin', await t.loginAs('host_admin'));
});
afterAll(async () => t.close());

describe('every role against every route', () => {
  for (const route of routes) {
    it(route.name, async () => {
      for (const who of EVERYONE) {
        const expected =
          who === 'nobody' ? (route.nobody ?? 401) : route.allowed.includes(who) ? route.success : (route.others?.[who] ?? 403);
        const request = await route.request();
        const res = who === 'admin' ? await t.inject(request) : await t.app.inject(withSession(request, sessions.get(who) ?? null));
        expect(res.statusCode, `${who}: ${res.body.slice(0, 200)}`).toBe(expected);
      }
    });
  }

  it('every API route of the app is in the matrix', () => {
    const tested = new Set(routes.map((r) => r.name.replace(/ \(.*\)$/u, '').replace(/^GET minutes\./u, 'GET /api/sittings/:id/minutes.')));
    // Tested on their own in accounts.test.ts: they end or change the session they run in; the
    // first-admin setup routes (public, behind a link) in first-admin.test.ts.
    const elsewhere = [
      'POST /api/session',
      'DELETE /api/session',
      'POST /api/me/password',
      'GET /api/setup/:token',
      'POST /api/setup/:token',
      // A stream that stays open: its roles are checked over a real socket in live.test.ts.
      'GET /api/sittings/:id/events',
    ];
    const missing = t.app.apiRoutes.map((r) => `${r.method} ${r.url}`).filter((name) => !tested.has(name) && !elsewhere.includes(name));
    expect(missing).toEqual([]);
  });

  it('the audit paging row uses every query parameter the audit trail accepts', async () => {
    const request = await routes.find((r) => r.name === 'GET /api/audit (a filtered later page)')!.request();
    const params = [...new URL(request.url as string, 'http://127.0.0.1').searchParams.keys()];
    expect(params.sort()).toEqual(Object.keys(AuditQuery.properties).sort());
  });
});

describe('calendar links', () => {
  const ownLink = async (who: Role, url: (personId: number) => string) => {
    const me = await t.app.inject(withSession({ method: 'GET', url: '/api/me' }, sessions.get(who) ?? null));
    const personId = JSON.parse(me.body).personId as number;
    const res = await t.app.inject(withSession({ method: 'POST', url: url(personId) }, sessions.get(who) ?? null));
    return { res, personId };
  };

  for (const who of ['chair', 'member', 'guest'] as const) {
    it(`a ${who} may rotate their own link by their person id, and the old link stops working`, async () => {
      const first = await ownLink(who, () => '/api/me/calendar-token');
      expect(first.res.statusCode).toBe(201);
      const second = await ownLink(who, (id) => `/api/people/${id}/calendar-token`);
      expect(second.res.statusCode).toBe(201);
      const oldUrl = new URL(JSON.parse(first.res.body).url as string);
      const newUrl = new URL(JSON.parse(second.res.body).url as string);
      expect(newUrl.pathname).toBe(`/api/people/${second.personId}/actions.ics`);
      expect((await t.app.inject({ method: 'GET', url: `${oldUrl.pathname}${oldUrl.search}` })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: `${newUrl.pathname}${newUrl.search}` })).statusCode).toBe(200);
    });

    it(`a ${who} may not rotate someone else's link, and that link keeps working`, async () => {
      const other = people['Inga Kārkliņa'];
      const link = new URL((await admin({ method: 'POST', url: `/api/people/${other}/calendar-token` })).body.url as string);
      const res = await t.app.inject(
        withSession({ method: 'POST', url: `/api/people/${other}/calendar-token` }, sessions.get(who) ?? null),
      );
      expect(res.statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` })).statusCode).toBe(200);
    });
  }
});
