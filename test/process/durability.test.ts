import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.ts';
import { httpLogin, seedUser } from '../support/http-session.ts';
import { nr7 } from '../support/reference.ts';
import { freePort, startServer, type ServerProcess } from '../support/server-process.ts';

let server: ServerProcess | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.stop('SIGKILL');
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('the server process', { timeout: 120_000 }, () => {
  beforeAll(async () => void (await buildWeb()), 60_000);

  it('prints its URL, serves the front end, and answers the API only after login', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'protokols-'));
    const database = path.join(dir, 'nested', 'protokols.db');
    await seedUser(database, 'sekretare', 'secretary');
    server = await startServer(database);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${server.url}/api/sittings`)).status).toBe(401);
    const client = await httpLogin(server.url, 'sekretare');
    expect((await client.json('/api/sittings')).body).toEqual([]);
  });

  it('a write acknowledged with 2xx survives the process being killed with SIGKILL, and so does the session', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'protokols-'));
    const database = path.join(dir, 'protokols.db');
    await seedUser(database, 'sekretare', 'secretary');
    const port = await freePort();
    server = await startServer(database, port);
    const client = await httpLogin(server.url, 'sekretare');

    const imported = await client.json('/api/sittings/import', { method: 'POST', body: nr7() });
    expect(imported.status).toBe(201);
    const draft = await client.json('/api/sittings', { method: 'POST', body: { date: '2025-09-08' } });
    expect(draft.status).toBe(201);
    const item = await client.json(`/api/sittings/${draft.body.id}/agenda-items`, { method: 'POST', body: { title: 'Dažādi' } });
    const edit = await client.json(`/api/agenda-items/${item.body.id}`, {
      method: 'PATCH',
      body: { version: 1, proceedings: 'Pēdējais ieraksts pirms avārijas.' },
    });
    expect(edit.status).toBe(200);

    await server.stop('SIGKILL');
    server = await startServer(database, port);

    // The same session cookie still works: sessions live in the database.
    const after = await client.json(`/api/sittings/${draft.body.id}`);
    expect(after.status).toBe(200);
    expect(after.body.agendaItems.find((i: { id: number }) => i.id === item.body.id)).toMatchObject({
      title: 'Dažādi',
      proceedings: 'Pēdējais ieraksts pirms avārijas.',
      version: 2,
    });
    const exported = await client.json(`/api/sittings/${imported.body.id}/export`);
    expect(exported.body.decisions).toHaveLength(6);
  });
});
