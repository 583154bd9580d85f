// Following a sitting live: GET /api/sittings/:id/events over a real socket. A change written through
// another app instance on the same database reaches the stream; each group is polled once however
// many listen; who may follow is who may read the sitting; closing the app ends the streams.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/db/database.ts';
import { GroupChanges } from '../../server/services/live.ts';
import { logIn, testApp, withSession, type Session, type TestApp } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'protokols-live-'));
const file = path.join(dir, 'protokols.db');
let a: TestApp;
let b: TestApp;
let url = '';
let sittingId = 0;

beforeAll(async () => {
  a = await testApp('admin', { databasePath: file });
  await a.app.listen({ host: '127.0.0.1', port: 0 });
  const address = a.app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  sittingId = (await a.call<{ id: number }>({ method: 'POST', url: '/api/sittings/import', payload: nr7() })).body.id;
  // A second instance of the app over the same database file, as behind a load balancer.
  b = await testApp(null, { databasePath: file });
});

afterAll(async () => {
  await b?.close();
  await a?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Stream {
  status: number;
  type: string | null;
  /** Resolves with the text received once it contains `pattern`, or rejects after `ms`. */
  until: (pattern: RegExp, ms?: number) => Promise<string>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close: () => void;
}

async function follow(session: Session | null, id = sittingId): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(`${url}/api/sittings/${id}/events`, {
    headers: session === null ? {} : { cookie: session.cookie },
    signal: abort.signal,
  });
  let text = '';
  const waiters: Array<() => void> = [];
  const ended = (async () => {
    if (res.body === null) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body) {
        text += decoder.decode(chunk as Uint8Array, { stream: true });
        for (const w of [...waiters]) w();
      }
    } catch {
      // aborted by the test
    }
  })();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    until: (pattern, ms = 3000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!pattern.test(text)) return;
          clearTimeout(timer);
          resolve(text);
        };
        const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${ms} ms; got ${JSON.stringify(text)}`)), ms);
        waiters.push(check);
        check();
      }),
    ended,
    close: () => abort.abort(),
  };
}

describe('following a sitting live', () => {
  it('a decision added through another app instance reaches the stream within 3 seconds', async () => {
    const stream = await follow(await a.loginAs('member'));
    expect(stream.status).toBe(200);
    expect(stream.type).toBe('text/event-stream; charset=utf-8');
    await stream.until(/retry: 2000/u);
    const secretary = await logIn(b.app, 'admin1');
    const started = Date.now();
    const added = await b.app.inject(
      withSession({ method: 'POST', url: `/api/sittings/${sittingId}/decisions`, payload: { text: 'Jauns lēmums.' } }, secretary),
    );
    expect(added.statusCode).toBe(201);
    const text = await stream.until(/event: change\ndata: \{"version":\d+\}\n\n/u);
    expect(Date.now() - started).toBeLessThan(3000);
    // The event tells only that something changed: no text of the minutes goes down the stream.
    expect(text).not.toContain('Jauns lēmums');
    stream.close();
  });

  it('each role that may read the sitting may follow it; others are refused as for the sitting itself', async () => {
    const expected: Array<[Role | 'nobody', number]> = [
      ['admin', 200],
      ['secretary', 200],
      ['chair', 200],
      ['member', 200],
      ['guest', 404], // did not attend: as if the sitting did not exist
      ['host_admin', 403],
      ['nobody', 401],
    ];
    for (const [who, status] of expected) {
      const stream = await follow(who === 'nobody' ? null : await a.loginAs(who));
      expect(stream.status, who).toBe(status);
      stream.close();
    }
    const missing = await follow(await a.loginAs('member'), 99_999);
    expect(missing.status).toBe(404);
    missing.close();
  });

  it('closing the app ends the open streams instead of waiting for them', async () => {
    const c = await testApp('member', { databasePath: file });
    await c.app.listen({ host: '127.0.0.1', port: 0 });
    const address = c.app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const session = await logIn(c.app, 'member1');
    const res = await fetch(`http://127.0.0.1:${port}/api/sittings/${sittingId}/events`, { headers: { cookie: session.cookie } });
    expect(res.status).toBe(200);
    const reading = (async () => {
      for await (const chunk of res.body ?? []) void chunk;
    })();
    const started = Date.now();
    await c.close();
    await reading;
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('the change feed', () => {
  it('polls each group once, however many listen, and stops when the last one leaves', async () => {
    const feed = new GroupChanges(a.db, 50);
    const seen: number[] = [];
    const offs = [1, 2, 3].map(() => feed.subscribe(a.groupId, (v) => seen.push(v)));
    expect(feed.pollers).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await a.call({ method: 'POST', url: `/api/sittings/${sittingId}/decisions`, payload: { text: 'Vēl viens lēmums.' } });
    await expect.poll(() => seen.length, { timeout: 2000 }).toBe(3);
    expect(new Set(seen).size).toBe(1);
    for (const off of offs) off();
    expect(feed.pollers).toBe(0);
    feed.close();
  });
});
