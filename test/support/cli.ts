// The protokols command run as a user would (`npx protokols …` in the repository) on one database.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT } from './reference.ts';

const run = promisify(execFile);

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function protokols(database: string, ...args: string[]): Promise<CommandResult> {
  return run('npx', ['--no-install', 'protokols', ...args], { cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: database } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: CommandResult) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}
