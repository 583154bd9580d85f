#!/usr/bin/env node
// Entry point of `npx protokols`: runs the TypeScript CLI through tsx.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';
import process from 'node:process';
import { register } from 'tsx/esm/api';

// On a machine whose Node is older than 22, `npm start` and `npm test` run under the project's own
// Node 24 (scripts/node-toolchain.sh); the CLI uses it too when it is there. Without it, server/cli.ts
// stops with a message naming the Node it needs.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const toolchainNode = fileURLToPath(new URL('../.tools/node24/node_modules/node/bin/node', import.meta.url));
if ((major < 22 || (major === 22 && minor < 12)) && existsSync(toolchainNode)) {
  const run = spawnSync(toolchainNode, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

register();
const { runCli } = await import('../server/cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
