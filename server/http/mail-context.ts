// The mail context of a request: links in the mails it causes start where the app is reached.
import type { FastifyRequest } from 'fastify';
import type { MailContext } from '../services/mail/context.ts';
import { baseUrlOf } from './base-url.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** MAIL_FROM: the sender of every mail. */
    mailFrom: string;
  }
}

export function mailContextOf(req: FastifyRequest): MailContext {
  return { baseUrl: baseUrlOf(req), from: req.server.mailFrom };
}
