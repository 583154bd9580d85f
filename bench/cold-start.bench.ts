// Cold start and memory: the server started as `npm start` starts it (the compiled dist/ when it
// exists, else through tsx) on a temp database, against a Fastify hello-world started the same way:
// time from spawn to the first HTTP response, and VmRSS right after it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../test/support/reference.ts';
import { tempDir } from './fixtures/databases.ts';
import { QUICK, missingLine, times, type Line } from './harness.ts';

interface Start {
  ms: number;
  rssMiB: number;
}

export function serverCommand(): { args: string[]; built: boolean } {
  const built = path.join(REPO_ROOT, 'dist', 'server', 'main.js');
  return existsSync(built) ? { args: [built], built: true } : { args: ['--import', 'tsx', 'server/main.ts'], built: false };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** Spawns `node args`, polls until the first HTTP response, reads its RSS, stops it. */
async function start(args: string[], env: Record<string, string>): Promise<Start> {
  const port = await freePort();
  const began = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${stderr.slice(0, 300)}`);
      if (performance.now() - began > 60_000) throw new Error('no response within 60 s');
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`);
        await res.arrayBuffer();
        if (res.status < 500) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const ms = performance.now() - began;
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return { ms, rssMiB: kib / 1024 };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

export async function coldStartLines(): Promise<Line[]> {
  const { args, built } = serverCommand();
  const how = built ? 'dist/server/main.js' : 'node --import tsx server/main.ts (no dist/)';
  const names = [`cold start to first response: ${how}`, `RSS after start: ${how}`];
  try {
    const db = path.join(tempDir(), 'cold-start.db');
    const hello = [path.join(REPO_ROOT, 'bench', 'fixtures', 'hello-world.mjs')];
    const env = { DATABASE_URL: db, NODE_ENV: 'production' };
    // The first start migrates the new database and warms the file cache: not counted.
    await start(args, env);
    await start(hello, env);
    const app: Start[] = [];
    const ref: Start[] = [];
    for (let i = 0; i < (QUICK ? 1 : 5); i++) {
      app.push(await start(args, env));
      ref.push(await start(hello, env));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return [
      {
        name: names[0]!,
        unit: 'ms',
        figure: median(app.map((s) => s.ms)),
        reference: median(ref.map((s) => s.ms)),
        referenceName: 'Fastify hello-world',
        target: times('<=', 3),
      },
      {
        name: names[1]!,
        unit: 'MiB',
        figure: median(app.map((s) => s.rssMiB)),
        reference: median(ref.map((s) => s.rssMiB)),
        referenceName: 'Fastify hello-world',
        target: times('<=', 2),
      },
    ];
  } catch (error) {
    return names.map((n) => missingLine(n, (error as Error).message.split('\n')[0] ?? 'failed'));
  }
}
