// The real server, started on an empty database, logs the link that makes the first admin.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process.ts';

let server: ServerProcess | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.stop();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/**
 * The setup lines logged at start. The server is taken as started at the first line naming its
 * URL, which is the setup line itself when there is one; a moment more lets any later line arrive.
 */
async function setupLines(s: ServerProcess): Promise<Array<{ msg: string; setupUrl: string }>> {
  await new Promise((r) => setTimeout(r, 500));
  return s
    .output()
    .split('\n')
    .filter((line) => line.includes('first-admin setup'))
    .map((line) => JSON.parse(line) as { msg: string; setupUrl: string });
}

describe('the first start', { timeout: 120_000 }, () => {
  it('logs one JSON line with the setup link while no admin exists, and none once the link has made one', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'protokols-setup-'));
    const database = path.join(dir, 'protokols.db');
    server = await startServer(database);
    const [line, ...more] = await setupLines(server);
    expect(more).toEqual([]);
    expect(line?.msg).toBe('first-admin setup');
    expect(line?.setupUrl.startsWith(`${server.url}/#/setup/`)).toBe(true);
    await server.stop();

    // A restart with still no admin issues a new link.
    server = await startServer(database);
    const [next] = await setupLines(server);
    expect(next?.setupUrl).not.toBe(line?.setupUrl);
    const token = next?.setupUrl.split('/#/setup/')[1] ?? '';
    const made = await fetch(`${server.url}/api/setup/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admins', password: 'gara-admina-parole', passwordRepeat: 'gara-admina-parole' }),
    });
    expect(made.status).toBe(204);
    await server.stop();

    server = await startServer(database);
    expect(await setupLines(server)).toEqual([]);
  });
});
