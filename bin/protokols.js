#!/usr/bin/env node
// Entry point of `npx protokols`: runs the compiled CLI (dist/server/cli.js) when the build is there
// and as new as the sources, and the TypeScript CLI through tsx otherwise (a checkout under work).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';
import process from 'node:process';
import { buildIsFresh } from '../scripts/build-state.js';

// On a machine whose Node is older than 22, `npm start` and `npm test` run under the project's own
// Node 24 (scripts/node-toolchain.sh); the CLI uses it too when it is there. Without it, server/cli.ts
// stops with a message naming the Node it needs.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const toolchainNode = fileURLToPath(new URL('../.tools/node24/node_modules/node/bin/node', import.meta.url));
if ((major < 22 || (major === 22 && minor < 12)) && existsSync(toolchainNode)) {
  const run = spawnSync(toolchainNode, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

let cli;
if (buildIsFresh()) {
  cli = await import('../dist/server/cli.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../server/cli.ts');
}
process.exitCode = await cli.runCli(process.argv.slice(2));
