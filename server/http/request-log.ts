// What the server logs of a request: its method, path and status. Query strings (a calendar
// feed's token, search words), headers (the session cookie) and bodies never reach the logs.
import type { FastifyServerOptions } from 'fastify';

/**
 * `/api/people/3/actions.ics?token=…` → `/api/people/3/actions.ics`; a first-admin setup link's
 * secret, which sits in the path, is left out too: `/api/setup/…`.
 */
export const pathOnly = (url: string): string => (url.split('?')[0] ?? '').replace(/^\/api\/setup\/[^/]+/u, '/api/setup/…');

export const requestLogSerializers = {
  req: (req: { method: string; url: string }) => ({ method: req.method, url: pathOnly(req.url) }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
};

/** The logger options with these serializers, whatever else the caller chose (level, stream). */
export function withRequestLogSerializers(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (logger === undefined || logger === false) return false;
  return { ...(logger === true ? {} : logger), serializers: requestLogSerializers };
}
