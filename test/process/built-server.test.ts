// The production start: `npm run build` compiles the server, the CLI and the front end into dist/,
// and they run from there under plain node, with no TypeScript loader. The build is made in a temporary
// root whose node_modules holds every package but tsx, with templates/ beside it as in a checkout, so
// any use of tsx, or any file read from the sources instead of the build, fails the start.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildAll } from '../../scripts/build.ts';
import { BUILD_SOURCES, BUILD_STAMP, buildIsFresh } from '../../scripts/build-state.js';
import { httpLogin, seedUser } from '../support/http-session.ts';
import { REPO_ROOT, sharedPath } from '../support/reference.ts';
import { startBuiltServer, type ServerProcess } from '../support/server-process.ts';

const run = promisify(execFile);
let root: string;
let server: ServerProcess | undefined;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'protokols-build-'));
  await buildAll(path.join(root, 'dist'));
  copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(root, 'package.json'));
  symlinkSync(path.join(REPO_ROOT, 'templates'), path.join(root, 'templates'));
  mkdirSync(path.join(root, 'node_modules'));
  for (const name of readdirSync(path.join(REPO_ROOT, 'node_modules'))) {
    if (name !== 'tsx' && name !== '.bin') symlinkSync(path.join(REPO_ROOT, 'node_modules', name), path.join(root, 'node_modules', name));
  }
  mkdirSync(path.join(root, 'bin'));
  copyFileSync(path.join(REPO_ROOT, 'bin', 'protokols.js'), path.join(root, 'bin', 'protokols.js'));
  mkdirSync(path.join(root, 'scripts'));
  copyFileSync(path.join(REPO_ROOT, 'scripts', 'build-state.js'), path.join(root, 'scripts', 'build-state.js'));
}, 120_000);
afterEach(async () => {
  await server?.stop();
  server = undefined;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** NUL-separated /proc file of a running process, as a list. */
const procList = (pid: number, file: string) => readFileSync(`/proc/${pid}/${file}`, 'utf8').split('\0').filter(Boolean);

describe('the built server', { timeout: 120_000 }, () => {
  it('tsx cannot be loaded in the build root, so a server started through it would not start', async () => {
    const attempt = await run(process.execPath, ['--import', 'tsx', '-e', ''], { cwd: root }).then(
      () => 'started',
      (error: { stderr: string }) => error.stderr,
    );
    expect(attempt).toMatch(/Cannot find (package|module) 'tsx'/u);
  });

  it('starts from dist/ under plain node, serves the API and the built front end, and stops on SIGTERM', async () => {
    const database = path.join(root, 'data', 'protokols.db');
    await seedUser(database, 'sekretare', 'secretary');
    server = await startBuiltServer(root, database);
    const pid = server.child.pid!;
    expect(procList(pid, 'cmdline').slice(1)).toEqual(['dist/server/main.js']);
    expect(procList(pid, 'environ').filter((v) => v.startsWith('NODE_OPTIONS=') && v.includes('tsx'))).toEqual([]);

    expect((await fetch(`${server.url}/api/sittings`)).status).toBe(401);
    const client = await httpLogin(server.url, 'sekretare');
    expect((await client.json('/api/sittings')).body).toEqual([]);
    const imported = await client.json('/api/sittings/import', {
      method: 'POST',
      body: JSON.parse(readFileSync(sharedPath('reference', 'sitting-nr7.json'), 'utf8')),
    });
    expect(imported.status).toBe(201);
    // The minutes read their wording from templates/ at run time.
    const html = await client.json(`/api/sittings/${imported.body.id}/minutes.html`);
    expect(html.body).toContain('SĒDES PROTOKOLS');
    // The DOCX is laid out on a worker thread started from dist/server/docx-worker.js; the server still stops cleanly after it.
    const docx = await client.json(`/api/sittings/${imported.body.id}/minutes.docx`);
    expect(docx.status).toBe(200);
    expect(String(docx.body).startsWith('PK\u0003\u0004')).toBe(true);

    const page = await fetch(`${server.url}/`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const bundle = /src="\/(app\.[0-9a-f]{10}\.js)"/u.exec(await page.text())?.[1];
    expect(bundle).toBeDefined();
    const script = await fetch(`${server.url}/${bundle}`, { headers: { 'accept-encoding': 'br' } });
    expect(script.status).toBe(200);
    expect(script.headers.get('content-encoding')).toBe('br');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const exited = new Promise<number | null>((resolve) => server!.child.once('exit', (code) => resolve(code)));
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('leaves docx to the DOCX threads: no module the server can load on its main thread bundles it', () => {
    const dir = path.join(root, 'dist', 'server');
    const reached = new Set<string>();
    const visit = (file: string): void => {
      if (reached.has(file)) return;
      reached.add(file);
      const code = readFileSync(path.join(dir, file), 'utf8');
      for (const [, next] of code.matchAll(/(?:from |import |import\()"\.\/(chunk-[\w-]+\.js)"/gu)) visit(next as string);
    };
    visit('main.js');
    expect(reached.size).toBeGreaterThan(2);
    const bundling = (file: string) => readFileSync(path.join(dir, file), 'utf8').includes('// node_modules/docx/');
    expect([...reached].filter(bundling)).toEqual([]);
    expect(bundling('docx-worker.js') || readdirSync(dir).some((f) => f.startsWith('chunk-') && !reached.has(f) && bundling(f))).toBe(true);
  });

  it('npx protokols runs the compiled CLI there, without tsx', async () => {
    const database = path.join(root, 'cli.db');
    const cli = (...args: string[]) =>
      run(process.execPath, ['bin/protokols.js', ...args], { cwd: root, env: { ...process.env, DATABASE_URL: database } });
    expect((await cli('import', sharedPath('reference', 'sitting-nr7.json'))).stdout).toBe('1\n');
    expect(JSON.parse((await cli('export', '7')).stdout)).toMatchObject({ number: 7 });
    const docx = path.join(root, 'Protokols.docx');
    await cli('render', '7', '--out', docx);
    expect(readFileSync(docx).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  });
});

describe('when npm start builds first', { timeout: 120_000 }, () => {
  let checkout: string;
  beforeAll(() => {
    checkout = mkdtempSync(path.join(tmpdir(), 'protokols-fresh-'));
    for (const source of BUILD_SOURCES) {
      mkdirSync(path.dirname(path.join(checkout, source)), { recursive: true });
      if (path.extname(source) === '') mkdirSync(path.join(checkout, source), { recursive: true });
      else writeFileSync(path.join(checkout, source), '');
    }
    mkdirSync(path.join(checkout, 'server', 'db'));
    writeFileSync(path.join(checkout, 'server', 'db', 'sqlite.ts'), '');
  });
  afterAll(() => rmSync(checkout, { recursive: true, force: true }));

  const age = (file: string, secondsAgo: number) => {
    const when = new Date(Date.now() - secondsAgo * 1000);
    utimesSync(path.join(checkout, file), when, when);
  };
  const stamp = (secondsAgo: number) => {
    mkdirSync(path.join(checkout, 'dist'), { recursive: true });
    writeFileSync(path.join(checkout, BUILD_STAMP), '');
    age(BUILD_STAMP, secondsAgo);
  };
  const ageSources = (secondsAgo: number) => {
    for (const source of [...BUILD_SOURCES, 'server/db', 'server/db/sqlite.ts']) age(source, secondsAgo);
  };

  it('a checkout without a build is built', () => {
    rmSync(path.join(checkout, 'dist'), { recursive: true, force: true });
    expect(buildIsFresh(checkout)).toBe(false);
  });

  it('a build newer than every source is used as it is', () => {
    ageSources(60);
    stamp(10);
    expect(buildIsFresh(checkout)).toBe(true);
  });

  it('a source changed after the build, however deep, makes it stale; a template does not', () => {
    ageSources(60);
    stamp(10);
    mkdirSync(path.join(checkout, 'templates'), { recursive: true });
    writeFileSync(path.join(checkout, 'templates', 'minutes.lv.json'), '{}');
    expect(buildIsFresh(checkout)).toBe(true);
    writeFileSync(path.join(checkout, 'server', 'db', 'sqlite.ts'), '// edited');
    expect(buildIsFresh(checkout)).toBe(false);
  });
});
