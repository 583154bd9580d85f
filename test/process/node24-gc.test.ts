// On Node 22 and 24 the real server survives the garbage collection of its SQLite statements. With
// better-sqlite3 12, Node 24 aborted in Statement::~Statement during GC (`(env) != nullptr`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { httpLogin, seedUser } from '../support/http-session.ts';
import { nr7 } from '../support/reference.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';

const RENDERS = 200;

let server: ServerProcess | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.stop('SIGKILL');
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('garbage collection on a supported Node', { timeout: 120_000 }, () => {
  it('the suite runs on Node 22 or newer', () => {
    const [major = 0] = process.versions.node.split('.').map(Number);
    expect(major, process.version).toBeGreaterThanOrEqual(22);
  });

  it(
    `the server renders the Nr. 7 minutes ${RENDERS} times with a full GC after each, then stops with exit code 0`,
    { timeout: 300_000 },
    async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'protokols-gc-'));
      const database = path.join(dir, 'gc.db');
      await seedUser(database, 'sekretare', 'secretary');
      server = await startServer(database, 0, 90_000, ['--expose-gc', '--import', './test/support/gc-after-response.ts']);
      let stderr = '';
      server.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const client = await httpLogin(server.url, 'sekretare');
      const imported = await client.json('/api/sittings/import', { method: 'POST', body: nr7() });
      expect(imported.status).toBe(201);

      for (let i = 0; i < RENDERS; i++) {
        const version = i % 2 === 0 ? 'full' : 'public';
        const res = await client.json(`/api/sittings/${imported.body.id}/minutes.docx?version=${version}`);
        expect(res.status, `render ${i + 1}`).toBe(200);
      }

      await server.stop('SIGTERM');
      expect(stderr).not.toMatch(/Assertion failed|FATAL ERROR|Segmentation/);
      expect({ code: server.child.exitCode, signal: server.child.signalCode }).toEqual({ code: 0, signal: null });
      // Every render and the login, import and /api/me before them were each followed by a collection.
      expect(Number(/forced-gc (\d+)/.exec(stderr)?.[1])).toBeGreaterThanOrEqual(RENDERS);
    },
  );
});
