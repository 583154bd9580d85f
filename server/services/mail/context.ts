// What every mail needs from the installation: where the app is reached (the base of every link)
// and the sender's address; and the making of a message's one Message-ID.
import { randomUUID } from 'node:crypto';

export interface MailContext {
  /** PUBLIC_URL, or the address of the request/server: links are `${baseUrl}/#/…`. */
  baseUrl: string;
  /** MAIL_FROM: `protokols@cesis.lv` or `Sadarbības grupa <protokols@cesis.lv>`. */
  from: string;
}

/** The bare address of a From such as `Name <a@b.lv>`. */
export function addressOf(from: string): string {
  return /<([^>]+)>/u.exec(from)?.[1]?.trim() ?? from.trim();
}

/** A Message-ID in the sender's domain, made once when a message is written. */
export function newMessageId(ctx: MailContext): string {
  const domain = addressOf(ctx.from).split('@')[1] ?? 'protokols.invalid';
  return `<${randomUUID()}@${domain}>`;
}

/** The links a mail carries, into the front end's screens (web/src/main.ts) and the API: made here only. */
export const links = (ctx: MailContext) => ({
  sitting: (id: number) => `${ctx.baseUrl}/#/sedes/${id}`,
  minutes: (id: number) => `${ctx.baseUrl}/#/sedes/${id}/protokols`,
  actions: () => `${ctx.baseUrl}/#/uzdevumi`,
  outside: (token: string) => `${ctx.baseUrl}/#/izpilde/${token}`,
  unsubscribe: (token: string) => `${ctx.baseUrl}/api/mail/unsubscribe/${token}`,
});
