// E-mail: announcing a sitting, the outbox (admin: list, preview, resend), the group's mail
// settings, and the pages behind mailed links (no login: the signed token is the credential): an
// outside owner's decisions and notes, and one-click unsubscribing (RFC 8058).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, groupOf } from '../http/caller.ts';
import { mailContextOf } from '../http/mail-context.ts';
import { errorResponses, IdParams } from '../schemas/common.ts';
import {
  Announcement,
  LinkParams,
  MailSettings,
  MailSettingsPatch,
  OutboxEntry,
  OutboxMessage,
  OutsideNoteBody,
  OutsidePage,
} from '../schemas/mail.ts';
import { groupMailSettings, updateMailSettings } from '../services/mail/settings.ts';
import { listOutbox, outboxMessage, resendMessage } from '../services/mail/outbox.ts';
import { outsideNote, outsidePage, unsubscribe } from '../services/mail/outside.ts';
import { announceSitting } from '../services/mail/sitting-mail.ts';

const admin = { access: 'settings:write' } as const;
const open = { access: 'public' } as const;
const HTML = { 200: Type.String({ description: 'A small HTML page' }), ...errorResponses };

const page = (title: string, body: string) =>
  `<!doctype html><html lang="lv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  app.post(
    '/api/sittings/:id/announce',
    { config: { access: 'sittings:write' }, schema: { params: IdParams, response: { 200: Announcement, ...errorResponses } } },
    (req) => announceSitting(db, groupOf(req), actorOf(req), req.params.id, mailContextOf(req)),
  );

  app.get('/api/outbox', { config: admin, schema: { response: { 200: Type.Array(OutboxEntry) } } }, (req) => listOutbox(db, groupOf(req)));

  app.get('/api/outbox/:id', { config: admin, schema: { params: IdParams, response: { 200: OutboxMessage, ...errorResponses } } }, (req) =>
    outboxMessage(db, groupOf(req), req.params.id),
  );

  app.post(
    '/api/outbox/:id/resend',
    { config: admin, schema: { params: IdParams, response: { 200: OutboxEntry, ...errorResponses } } },
    (req) => resendMessage(db, groupOf(req), actorOf(req), req.params.id),
  );

  app.get('/api/mail/settings', { config: admin, schema: { response: { 200: MailSettings } } }, (req) =>
    groupMailSettings(db, groupOf(req)),
  );

  app.patch(
    '/api/mail/settings',
    { config: admin, schema: { body: MailSettingsPatch, response: { 200: MailSettings, ...errorResponses } } },
    (req) => updateMailSettings(db, groupOf(req), actorOf(req), req.body),
  );

  app.get(
    '/api/outside/:token',
    { config: open, schema: { params: LinkParams, response: { 200: OutsidePage, ...errorResponses } } },
    (req) => outsidePage(db, req.params.token),
  );

  app.post(
    '/api/outside/:token/notes',
    { config: open, schema: { params: LinkParams, body: OutsideNoteBody, response: { 200: OutsidePage, ...errorResponses } } },
    (req) => outsideNote(db, req.params.token, req.body),
  );

  const linkRoutes: FastifyPluginAsyncTypebox = async (links) => {
    // A mail client's one-click POST (RFC 8058) is a form: `List-Unsubscribe=One-Click`.
    links.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_req, body, done) =>
      done(null, body),
    );

    links.get(
      '/api/mail/unsubscribe/:token',
      { config: open, schema: { params: LinkParams, response: HTML, produces: ['text/html'] } },
      async (req, reply) =>
        reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(
            page(
              'Atteikties no atgādinājumiem',
              `<p>Vairs nesūtīt atgādinājumus par lēmumu izpildi uz šo adresi?</p><form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Atteikties</button></form>`,
            ),
          ),
    );

    links.post(
      '/api/mail/unsubscribe/:token',
      {
        config: open,
        schema: { params: LinkParams, response: HTML, produces: ['text/html'], consumes: ['application/x-www-form-urlencoded'] },
      },
      async (req, reply) => {
        await unsubscribe(db, req.params.token);
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(page('Atgādinājumi atslēgti', '<p>Atgādinājumi par lēmumu izpildi uz šo adresi vairs netiks sūtīti.</p>'));
      },
    );
  };
  await app.register(linkRoutes);
};

export default routes;
