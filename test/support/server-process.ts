// Runs the real server (`npm start`'s entry point) as a child process on 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { REPO_ROOT } from './reference.ts';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string;
}

/** A port free right now on 127.0.0.1, for a server that must come back on the same address. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** `nodeArgs` go to node before the entry point (e.g. `--expose-gc`); `env` adds to the environment (e.g. SMTP_URL). */
export function startServer(
  databaseUrl: string,
  port = 0,
  timeoutMs = 30_000,
  nodeArgs: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<ServerProcess> {
  // node itself, with tsx as a loader: a signal reaches the server, not a wrapper around it.
  return spawnServer(['--import', 'tsx', ...nodeArgs, 'server/main.ts'], REPO_ROOT, databaseUrl, port, timeoutMs, env);
}

/** The compiled server of the build in `root`/dist (scripts/build.ts), run by plain node as `npm start` runs it. */
export function startBuiltServer(root: string, databaseUrl: string, port = 0, timeoutMs = 30_000): Promise<ServerProcess> {
  return spawnServer(['dist/server/main.js'], root, databaseUrl, port, timeoutMs);
}

function spawnServer(
  args: string[],
  cwd: string,
  databaseUrl: string,
  port: number,
  timeoutMs: number,
  env: NodeJS.ProcessEnv = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, {
    cwd,
    // info: the line that names the address (`{"msg":"protokols darbojas","url":…}`) is logged at info.
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return new Promise((resolve, reject) => {
    let output = '';
    let started = false;
    const timer = setTimeout(() => {
      void stop('SIGKILL');
      reject(new Error(`server did not start: ${output}`));
    }, timeoutMs);
    // Read to the end (a full pipe would block the server), kept only until the start line.
    const onData = (chunk: Buffer) => {
      if (started) return;
      output += chunk.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)\/"/.exec(output);
      if (match?.[1] !== undefined) {
        started = true;
        clearTimeout(timer);
        resolve({ url: match[1], child, stop, output: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${output}`));
    });
  });
}
