import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nr7 } from '../support/reference.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';

let server: ServerProcess | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.stop('SIGKILL');
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any }); // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the server process', () => {
  it('prints its URL, serves the front end and the API on 127.0.0.1', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'protokols-'));
    server = await startServer(path.join(dir, 'nested', 'protokols.db'));
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('protokols');
    expect((await json(await fetch(`${server.url}/api/sittings`))).body).toEqual([]);
  });

  it('a write acknowledged with 2xx survives the process being killed with SIGKILL', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'protokols-'));
    const database = path.join(dir, 'protokols.db');
    server = await startServer(database);
    const post = (url: string, body: unknown, method = 'POST') =>
      fetch(`${server!.url}${url}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(json);

    const imported = await post('/api/sittings/import', nr7());
    expect(imported.status).toBe(201);
    const draft = await post('/api/sittings', { date: '2025-09-08' });
    expect(draft.status).toBe(201);
    const item = await post(`/api/sittings/${draft.body.id}/agenda-items`, { title: 'Par iepriekšējo sēžu lēmumu izpildi' });
    const edit = await post(`/api/agenda-items/${item.body.id}`, { version: 1, proceedings: 'Pēdējais ieraksts pirms avārijas.' }, 'PATCH');
    expect(edit.status).toBe(200);

    await server.stop('SIGKILL');
    server = await startServer(database);

    const after = await json(await fetch(`${server.url}/api/sittings/${draft.body.id}`));
    expect(after.body.agendaItems[0]).toMatchObject({
      title: 'Par iepriekšējo sēžu lēmumu izpildi',
      proceedings: 'Pēdējais ieraksts pirms avārijas.',
      version: 2,
    });
    const exported = await json(await fetch(`${server.url}/api/sittings/${imported.body.id}/export`));
    expect(exported.body.decisions).toHaveLength(6);
  });
});
