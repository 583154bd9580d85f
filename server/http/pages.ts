// Keyset pages (the audit trail, the register): the rows of one page, and the next page's
// address in a `Link: <…>; rel="next"` header, the same query with `after` moved on.
import type { FastifyReply } from 'fastify';

export interface Page<T> {
  entries: T[];
  nextAfter: number | string | null;
}

export function linkNextPage<T>(reply: FastifyReply, path: string, query: object, page: Page<T>): T[] {
  if (page.nextAfter !== null) {
    const next = new URLSearchParams(
      Object.entries({ ...query, after: page.nextAfter })
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );
    void reply.header('link', `<${path}?${next.toString()}>; rel="next"`);
  }
  return page.entries;
}
