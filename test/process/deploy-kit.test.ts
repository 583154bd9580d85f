// The deployment kit in deploy/ is checked, not only read: the Dockerfile's build steps run in a
// temporary copy and its runtime layout starts and passes its own HEALTHCHECK; the systemd units pass
// `systemd-analyze verify`; the nginx site passes `nginx -t` with a self-signed certificate. `docker
// build` runs only where a Docker daemon answers.
import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SIGNED_COPY_BYTES } from '../../server/domain/signed-copy-file.ts';
import { REPO_ROOT } from '../support/reference.ts';
import { freePort } from '../support/server-process.ts';

const run = promisify(execFile);
const DEPLOY = path.join(REPO_ROOT, 'deploy');
const has = (command: string, ...args: string[]) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
const NGINX = ['/usr/sbin/nginx', 'nginx'].find((bin) => has(bin, '-v'));

interface Instruction {
  keyword: string;
  args: string;
  stage: string;
}
interface Stage {
  name: string;
  base: string;
  steps: Instruction[];
}

/** The Dockerfile as stages of instructions, continuation lines joined and comments dropped. */
function parseDockerfile(text: string): Stage[] {
  const lines = text.replace(/\\\r?\n/gu, ' ').split(/\r?\n/u);
  const stages: Stage[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/u.exec(trimmed) ?? [];
    if (keyword.toUpperCase() === 'FROM') {
      const [, base = '', name] = /^(\S+)(?:\s+AS\s+(\S+))?$/iu.exec(args) ?? [];
      stages.push({ name: name ?? String(stages.length), base, steps: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (stage === undefined) throw new Error(`${keyword} before FROM`);
    stage.steps.push({ keyword: keyword.toUpperCase(), args: args.replace(/\s+/gu, ' '), stage: stage.name });
  }
  return stages;
}

const dockerfile = readFileSync(path.join(DEPLOY, 'Dockerfile'), 'utf8');
const stages = parseDockerfile(dockerfile);
const runtime = stages.at(-1)!;
const stageNamed = (name: string) => stages.find((s) => s.name === name);
/** A stage with the stages it is built on, first to last. */
const chain = (stage: Stage): Stage[] => {
  const parent = stageNamed(stage.base);
  return parent === undefined ? [stage] : [...chain(parent), stage];
};
const envOf = (stage: Stage) =>
  Object.fromEntries(
    stage.steps
      .filter((s) => s.keyword === 'ENV')
      .flatMap((s) => [...s.args.matchAll(/(\w+)=(\S+)/gu)].map((m) => [m[1]!, m[2]!] as const)),
  );

describe('deploy/Dockerfile', () => {
  it('builds in stages from the Node 24 image and runs as a user other than root, with a health check and a data volume', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect([`node:24-bookworm-slim`, ...stages.map((s) => s.name)]).toContain(stage.base);
    const users = runtime.steps.filter((s) => s.keyword === 'USER').map((s) => s.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/u);
    const healthcheck = runtime.steps.find((s) => s.keyword === 'HEALTHCHECK');
    expect(healthcheck?.args).toMatch(/\/health\b/u);
    const volumes = runtime.steps.filter((s) => s.keyword === 'VOLUME').flatMap((s) => JSON.parse(s.args) as string[]);
    expect(volumes.length).toBeGreaterThan(0);
    // The database is on the volume, so it outlives the container.
    const databaseUrl = envOf(runtime).DATABASE_URL ?? '';
    expect(volumes.some((volume) => databaseUrl.startsWith(`${volume}/`))).toBe(true);
    // The runtime stage gets production dependencies only.
    const deps = runtime.steps.find((s) => s.keyword === 'COPY' && s.args.endsWith('./node_modules'));
    const depsStage = stageNamed(/--from=(\S+)/u.exec(deps?.args ?? '')?.[1] ?? '');
    expect(depsStage?.steps.some((s) => s.keyword === 'RUN' && /npm ci .*--omit=dev/u.test(s.args))).toBe(true);
  });

  it('leaves installs, builds and data of the host out of COPY . .', () => {
    const ignored = readFileSync(path.join(DEPLOY, 'Dockerfile.dockerignore'), 'utf8').split('\n');
    for (const name of ['node_modules', 'dist', 'data', '.git', '.tools', '*.db']) expect(ignored).toContain(name);
  });

  describe('its build steps, run in a temporary copy', { timeout: 180_000 }, () => {
    let work: string;
    let context: string;
    let app: string;
    const skippedSteps: string[] = [];
    beforeAll(async () => {
      work = mkdtempSync(path.join(tmpdir(), 'protokols-docker-'));
      context = path.join(work, 'context');
      app = path.join(work, 'app');
      mkdirSync(app);
      // The build context: the checkout less what the .dockerignore leaves out (names at its top level).
      const ignored = readFileSync(path.join(DEPLOY, 'Dockerfile.dockerignore'), 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'));
      const isIgnored = (name: string) =>
        ignored.some((pattern) => (pattern.startsWith('*') ? name.endsWith(pattern.slice(1)) : name === pattern));
      mkdirSync(context);
      for (const name of readdirSync(REPO_ROOT)) {
        if (!isIgnored(name)) cpSync(path.join(REPO_ROOT, name), path.join(context, name), { recursive: true });
      }
      // The build stage with the stages it is built on: WORKDIR is the app folder; apt-get (the
      // compilers for better-sqlite3) needs the image, and npm ci the registry: the checkout's own
      // node_modules, installed from the same lock file, stands in for it.
      for (const step of chain(stageNamed('build')!).flatMap((s) => s.steps)) {
        if (step.keyword === 'COPY' && !step.args.startsWith('--')) {
          const parts = step.args.split(' ');
          const target = parts.pop()!;
          for (const source of parts) {
            const to = target.endsWith('/') || parts.length > 1 ? path.join(app, target, path.basename(source)) : path.join(app, target);
            cpSync(path.join(context, source), source === '.' ? app : to, { recursive: true });
          }
        } else if (step.keyword === 'RUN' && /^apt-get /u.test(step.args)) {
          skippedSteps.push(step.args);
        } else if (step.keyword === 'RUN' && /^npm ci\b/u.test(step.args)) {
          symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(app, 'node_modules'));
        } else if (step.keyword === 'RUN') {
          await run('sh', ['-c', step.args], { cwd: app, maxBuffer: 16 * 1024 * 1024 });
        }
      }
    }, 180_000);
    afterAll(() => rmSync(work, { recursive: true, force: true }));

    it('skip only the system packages and npm ci, and leave every file the runtime stage copies from them', () => {
      expect(skippedSteps.every((s) => s.startsWith('apt-get '))).toBe(true);
      expect(existsSync(path.join(app, 'dist', 'BUILD'))).toBe(true);
      const fromBuild = runtime.steps.filter((s) => s.keyword === 'COPY' && s.args.startsWith('--from=build '));
      expect(fromBuild.length).toBeGreaterThan(0);
      for (const step of fromBuild) {
        const source = step.args.split(' ')[1]!;
        expect(existsSync(path.join(app, path.relative('/app', source))), source).toBe(true);
      }
    });

    it('give a runtime layout that starts with the image’s settings and passes the image’s HEALTHCHECK', async () => {
      // The runtime stage's files, as its COPY lines place them.
      const image = path.join(work, 'image');
      mkdirSync(image);
      for (const step of runtime.steps.filter((s) => s.keyword === 'COPY')) {
        const [, source = '', target = ''] = step.args.split(' ');
        const to = path.join(image, target);
        mkdirSync(path.dirname(to), { recursive: true });
        if (source.endsWith('node_modules')) symlinkSync(path.join(REPO_ROOT, 'node_modules'), to);
        else cpSync(path.join(app, path.relative('/app', source)), to, { recursive: true });
      }
      const port = String(await freePort());
      const env = {
        ...envOf(runtime),
        PATH: process.env.PATH ?? '',
        PORT: port,
        HOST: '127.0.0.1',
        DATABASE_URL: path.join(work, 'data', 'protokols.db'),
      };
      const [command = '', ...args] = JSON.parse(runtime.steps.find((s) => s.keyword === 'CMD')!.args) as string[];
      const server = spawn(command, args, {
        cwd: image,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise((resolve) => server.once('exit', resolve));
      try {
        let out = '';
        server.stdout.on('data', (c: Buffer) => (out += c.toString()));
        for (let i = 0; i < 300 && !out.includes('protokols darbojas'); i++) await new Promise((r) => setTimeout(r, 100));
        expect(out).toContain('protokols darbojas');
        const healthcheck = runtime.steps.find((s) => s.keyword === 'HEALTHCHECK')!.args;
        const [probe = '', ...probeArgs] = JSON.parse(/CMD (\[.*\])$/u.exec(healthcheck)![1]!) as string[];
        const check = spawnSync(probe, probeArgs, { env, timeout: 10_000 });
        expect(check.status, check.stderr.toString()).toBe(0);
        // And the check fails when the server does not answer.
        const elsewhere = spawnSync(probe, probeArgs, { env: { ...env, PORT: String(await freePort()) }, timeout: 10_000 });
        expect(elsewhere.status).toBe(1);
      } finally {
        server.kill('SIGTERM');
        await exited;
      }
    });
  });

  const docker = has('docker', 'info');
  if (!docker) console.warn('deploy kit: docker build skipped, no Docker daemon answers `docker info` here');
  it.skipIf(!docker)('docker build makes the image', { timeout: 900_000 }, async () => {
    await run('docker', ['build', '-f', 'deploy/Dockerfile', '-t', 'protokols:test', '.'], { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 });
  });
});

describe('deploy/protokols.service', () => {
  const available = has('systemd-analyze', '--version');
  if (!available) console.warn('deploy kit: systemd-analyze is missing (scripts/system-packages.sh installs it)');

  it('is hardened: a made-up user, the file system read-only but for its data folder, no home folders, a private /tmp', () => {
    const unit = readFileSync(path.join(DEPLOY, 'protokols.service'), 'utf8');
    const settings = new Map<string, string[]>();
    for (const [, key = '', value = ''] of unit.matchAll(/^(\w+)=(.*)$/gmu)) settings.set(key, [...(settings.get(key) ?? []), value]);
    expect(settings.get('DynamicUser')).toEqual(['yes']);
    expect(settings.get('StateDirectory')).toEqual(['protokols']);
    expect(settings.get('ProtectSystem')).toEqual(['strict']);
    expect(settings.get('ReadWritePaths')).toEqual(['/var/lib/protokols']);
    for (const key of ['NoNewPrivileges', 'PrivateTmp', 'ProtectHome']) expect(settings.get(key), key).toEqual(['yes']);
    const environment = (settings.get('Environment') ?? []).map((e) => e.split('=')[0]);
    for (const name of ['DATABASE_URL', 'PORT', 'HOST', 'PUBLIC_URL', 'TRUST_PROXY']) expect(environment).toContain(name);
    expect(settings.get('Environment')).toContain('DATABASE_URL=/var/lib/protokols/protokols.db');
  });

  it.skipIf(!available)('passes systemd-analyze verify, with its backup service and timer, without a warning', async () => {
    const units = ['protokols.service', 'protokols-backup.service', 'protokols-backup.timer'].map((u) => path.join(DEPLOY, u));
    const { stderr } = await run('systemd-analyze', ['verify', ...units]);
    // Unknown or misspelt settings are only warned about; here they fail the check.
    expect(stderr).toBe('');
  });
});

describe('deploy/nginx-protokols.conf', () => {
  if (NGINX === undefined) console.warn('deploy kit: nginx is missing (scripts/system-packages.sh installs it)');
  const site = readFileSync(path.join(DEPLOY, 'nginx-protokols.conf'), 'utf8');

  it('proxies to the app on 127.0.0.1:3000 with the forwarded headers, over TLS, with room for a signed copy', () => {
    expect(site).toMatch(/proxy_pass http:\/\/127\.0\.0\.1:3000;/u);
    for (const header of ['Host', 'X-Forwarded-For', 'X-Forwarded-Proto', 'X-Real-IP'])
      expect(site).toMatch(new RegExp(`proxy_set_header ${header} `, 'u'));
    expect(site).toMatch(/listen 443 ssl/u);
    expect(site).toMatch(/return 301 https:\/\//u);
    const [, size = '0', unit = ''] = /client_max_body_size (\d+)([km]?);/iu.exec(site) ?? [];
    const bytes = Number(size) * ({ k: 1024, m: 1024 * 1024 }[unit.toLowerCase()] ?? 1);
    expect(bytes).toBeGreaterThan(MAX_SIGNED_COPY_BYTES);
  });

  it.skipIf(NGINX === undefined || !has('openssl', 'version'))('passes nginx -t with a self-signed certificate', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'protokols-nginx-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=protokols.example.lv',
          '-keyout',
          path.join(dir, 'privkey.pem'),
          '-out',
          path.join(dir, 'fullchain.pem'),
        ],
        { stdio: 'ignore' },
      );
      writeFileSync(
        path.join(dir, 'site.conf'),
        site
          .replace(/ssl_certificate [^;]+;/u, `ssl_certificate ${path.join(dir, 'fullchain.pem')};`)
          .replace(/ssl_certificate_key [^;]+;/u, `ssl_certificate_key ${path.join(dir, 'privkey.pem')};`),
      );
      // Debian's nginx.conf in brief: the site is included in the http block, as sites-enabled/ is.
      writeFileSync(
        path.join(dir, 'nginx.conf'),
        [
          `pid ${dir}/nginx.pid;`,
          `error_log ${dir}/error.log;`,
          'events {}',
          'http {',
          `  access_log ${dir}/access.log;`,
          ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/${t};`),
          `  include ${dir}/site.conf;`,
          '}',
        ].join('\n'),
      );
      const { stderr } = await run(NGINX!, ['-t', '-p', `${dir}/`, '-e', `${dir}/error.log`, '-c', path.join(dir, 'nginx.conf')]);
      expect(stderr).toMatch(/test is successful/u);
      expect(stderr).not.toMatch(/\[warn\]|\[emerg\]/u);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
