#!/usr/bin/env node
// Entry point of `npx protokols`: runs the TypeScript CLI through tsx.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../server/cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
