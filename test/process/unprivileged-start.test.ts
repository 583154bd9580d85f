// The production start as a municipality runs it: the built app in a folder owned by root that the
// service user cannot write, its data in a separate folder it can, started by `scripts/start.sh` as
// `nobody` behind a proxy (TRUST_PROXY=1, PUBLIC_URL). Needs root, for runuser and chown.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildAll } from '../../scripts/build.ts';
import { BUILD_SOURCES } from '../../scripts/build-state.js';
import { TEST_PASSWORD } from '../support/app.ts';
import { seedUser } from '../support/http-session.ts';
import { REPO_ROOT } from '../support/reference.ts';

const PUBLIC_URL = 'https://protokols.example.lv';
const isRoot = process.getuid?.() === 0;
const hasRunuser = spawnSync('runuser', ['--version']).status === 0;
const why = !isRoot ? 'needs root (runuser, chown)' : !hasRunuser ? 'needs runuser (util-linux)' : '';
if (why !== '') console.warn(`unprivileged start: skipped, ${why}`);

let root: string;
let app: string;
let data: string;
let nodeDir: string;
let nobody: { uid: number; gid: number };
let server: { child: ChildProcess; pid: number; url: string; stdout: () => string; exited: Promise<number | null> } | undefined;

/** Every file and folder under `dir` with its modification time. */
function snapshot(dir: string): Map<string, number> {
  const seen = new Map<string, number>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      seen.set(path.relative(dir, full), statSync(full).mtimeMs);
      if (entry.isDirectory()) walk(full);
    }
  };
  walk(dir);
  seen.set('.', statSync(dir).mtimeMs);
  return seen;
}

/** The production dependencies (what `npm ci --omit=dev` installs), copied from the checkout's node_modules into `target`. */
function copyProductionPackages(target: string): void {
  const listed = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const topLevel = new Set(
    listed.stdout
      .split('\n')
      .map((line) => path.relative(REPO_ROOT, line.trim()))
      .filter((dir) => /^node_modules\/(?:@[^/]+\/)?[^/]+$/u.test(dir)),
  );
  expect(topLevel.size, listed.stderr).toBeGreaterThan(0);
  for (const dir of topLevel)
    cpSync(path.join(REPO_ROOT, dir), path.join(target, path.relative('node_modules', dir)), { recursive: true, dereference: true });
  copyFileSync(path.join(REPO_ROOT, 'node_modules', '.package-lock.json'), path.join(target, '.package-lock.json'));
}

/** `command` run as nobody with a clean environment holding only `env` and PATH (the Node 24 first). */
function asNobody(env: Record<string, string>, command: string[]): ChildProcess {
  const vars = Object.entries({ PATH: `${nodeDir}:/usr/bin:/bin`, HOME: '/nonexistent', ...env }).map(([k, v]) => `${k}=${v}`);
  return spawn('runuser', ['-u', 'nobody', '--', 'env', '-i', ...vars, ...command], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
}

const serverEnv = () => ({
  PORT: '0',
  HOST: '127.0.0.1',
  DATABASE_URL: path.join(data, 'protokols.db'),
  TRUST_PROXY: '1',
  PUBLIC_URL,
  LOG_LEVEL: 'info',
});

/** runuser forks; the server is its one child (start.sh execs its way to node). */
const childOf = (pid: number) => Number(readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/u)[0]);

function startAsNobody(): Promise<NonNullable<typeof server>> {
  const child = asNobody(serverEnv(), ['bash', 'scripts/start.sh']);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start line: ${stdout} ${stderr}`)), 60_000);
    const poll = setInterval(() => {
      const url = /"url":"(http:\/\/127\.0\.0\.1:\d+)\/"/u.exec(stdout)?.[1];
      if (url === undefined) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ child, pid: childOf(child.pid!), url, stdout: () => stdout, exited });
    }, 50);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`exited with ${code}: ${stdout} ${stderr}`));
    });
  });
}

beforeAll(async () => {
  if (why !== '') return;
  nobody = {
    uid: Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' })),
    gid: Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' })),
  };
  root = mkdtempSync(path.join(tmpdir(), 'protokols-prod-'));
  chmodSync(root, 0o755);
  app = path.join(root, 'app');
  mkdirSync(app, { mode: 0o755 });
  // The sources too, as in a checkout, copied before the build so it is newer than each of them.
  for (const part of [...BUILD_SOURCES, 'templates', 'bin', 'package.json', 'scripts']) {
    mkdirSync(path.dirname(path.join(app, part)), { recursive: true });
    cpSync(path.join(REPO_ROOT, part), path.join(app, part), { recursive: true });
  }
  // node_modules as a production install has it, read-only copies (the checkout's own may sit in a
  // folder nobody cannot enter, as in CI's Node 22 copy).
  copyProductionPackages(path.join(app, 'node_modules'));
  await buildAll(path.join(app, 'dist'));
  execFileSync('chown', ['-R', 'root:root', app]);
  execFileSync('chmod', ['-R', 'go-w', app]);

  // The toolchain's Node where nobody can run it: as it is when its folders are open to all, else a copy.
  nodeDir = path.dirname(process.execPath);
  if (spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '-v']).status !== 0) {
    nodeDir = path.join(root, 'node-bin');
    mkdirSync(nodeDir, { mode: 0o755 });
    copyFileSync(process.execPath, path.join(nodeDir, 'node'));
    chmodSync(path.join(nodeDir, 'node'), 0o755);
  }

  data = path.join(root, 'data');
  mkdirSync(data, { mode: 0o700 });
  await seedUser(path.join(data, 'protokols.db'), 'sekretare', 'secretary');
  execFileSync('chown', ['-R', `${nobody.uid}:${nobody.gid}`, data]);
}, 180_000);
afterEach(async () => {
  if (server !== undefined && server.child.exitCode === null) {
    try {
      process.kill(server.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await server.exited;
  }
  server = undefined;
});
afterAll(() => {
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
});

describe.skipIf(why !== '')('the built server started as nobody from a folder it cannot write', { timeout: 120_000 }, () => {
  it('nobody can read the app folder but not write it, and can write the data folder', () => {
    const write = (file: string) => spawnSync('runuser', ['-u', 'nobody', '--', 'touch', file]).status;
    expect(write(path.join(app, 'probe'))).not.toBe(0);
    expect(write(path.join(app, 'dist', 'probe'))).not.toBe(0);
    expect(write(path.join(data, 'probe'))).toBe(0);
    rmSync(path.join(data, 'probe'));
  });

  it('serves /health, a Secure cookie over forwarded https and PUBLIC_URL calendar links, writes only its data, logs JSON, and stops on SIGTERM', async () => {
    const before = snapshot(app);
    server = await startAsNobody();
    const { url, pid } = server;
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)).toEqual(['node', 'dist/server/main.js']);
    expect(statSync(`/proc/${pid}`).uid).toBe(nobody.uid);

    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    // The proxy terminated TLS and says so; the app believes it (TRUST_PROXY=1) and marks the cookie Secure.
    const login = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' },
      body: JSON.stringify({ login: 'sekretare', password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(204);
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/;\s*Secure/iu);
    const cookie = setCookie.split(';')[0]!;
    const { csrfToken } = (await (await fetch(`${url}/api/me`, { headers: { cookie } })).json()) as { csrfToken: string };
    const write = (pathname: string, body?: unknown) =>
      fetch(`${url}${pathname}`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
    const person = (await (await write('/api/people', { fullName: 'Inga Kārkliņa', isMember: true })).json()) as { id: number };
    const link = await write(`/api/people/${person.id}/calendar-token`);
    expect(link.status).toBe(201);
    expect(((await link.json()) as { url: string }).url.startsWith(`${PUBLIC_URL}/api/people/${person.id}/actions.ics?token=`)).toBe(true);

    // Nothing in the app folder was created or changed; the database lives in the data folder, nobody's.
    expect(snapshot(app)).toEqual(before);
    expect(statSync(path.join(data, 'protokols.db')).uid).toBe(nobody.uid);

    // SQLite keeps the moved file open; the health check looks at the configured path.
    renameSync(path.join(data, 'protokols.db'), path.join(data, 'moved.db'));
    const gone = await fetch(`${url}/health`);
    expect(gone.status).toBe(503);
    expect(await gone.json()).toEqual({ status: 'unavailable' });
    renameSync(path.join(data, 'moved.db'), path.join(data, 'protokols.db'));
    expect((await fetch(`${url}/health`)).status).toBe(200);

    process.kill(pid, 'SIGTERM');
    expect(await server.exited).toBe(0);
    const lines = server.stdout().trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(lines.map((line) => JSON.parse(line) as { msg: string; url?: string })).toContainEqual(
      expect.objectContaining({ msg: 'protokols darbojas', url: `${url}/` }),
    );
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg).slice(-2)).toEqual(['stopping', 'stopped']);
    expect(server.stdout()).not.toContain(csrfToken);
  });

  it('does not try to build when the build is older than the sources, but says what to do, and exits 1', async () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(app, 'server', 'main.ts'), later, later);
    const before = snapshot(app);
    const child = asNobody(serverEnv(), ['bash', 'scripts/start.sh']);
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/dist\/ is missing or older than the sources, and .* is not writable here: run npm run build/u);
    expect(snapshot(app)).toEqual(before);
  });
});
