// A wrong setting stops the start: exit code 1 and one line naming the variable, before anything listens.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/reference.ts';

const start = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: ':memory:', PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });

describe('a wrong setting at start', { timeout: 60_000 }, () => {
  for (const [name, value] of [
    ['LOG_LEVEL', 'loud'],
    ['HOST', 'http://0.0.0.0'],
    ['PUBLIC_URL', 'protokols.cesis.lv'],
  ] as const) {
    it(`${name}=${value} exits 1 with one line naming ${name}`, () => {
      const run = start({ [name]: value });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(new RegExp(`^protokols: ${name} must `, 'u'))]);
    });
  }
});
