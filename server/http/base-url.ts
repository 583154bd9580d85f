// Where people reach the app, for absolute links (calendar feeds, mails, the setup line): PUBLIC_URL
// when it is set, else the request's own protocol and host, which honour TRUST_PROXY's forwarded headers.
import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** PUBLIC_URL without its trailing slash, or null to take links from each request. */
    publicUrl: string | null;
  }
}

/** `https://protokols.cesis.lv` (or with a path, `https://cesis.lv/protokols`): links append `/api/…` to it. */
export function baseUrlOf(req: FastifyRequest): string {
  return req.server.publicUrl ?? `${req.protocol}://${req.host}`;
}

/** The host name alone (no port), e.g. for calendar UIDs, from the same source as baseUrlOf. */
export function hostNameOf(req: FastifyRequest): string {
  const publicUrl = req.server.publicUrl;
  return publicUrl === null ? req.hostname : new URL(publicUrl).hostname;
}
