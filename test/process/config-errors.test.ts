// A wrong setting stops the start: exit code 1 and one line naming the variable, before anything listens.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GROUP_PROFILE } from '../../server/domain/group-settings.ts';
import { slugOf } from '../../server/domain/group-slug.ts';
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

describe("a group's broken override at start", { timeout: 60_000 }, () => {
  it('exits 1 naming the file and the key, before anything listens', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'group-templates-'));
    try {
      const file = path.join(dir, slugOf(DEFAULT_GROUP_PROFILE.name), 'minutes.lv.json');
      mkdirSync(path.dirname(file));
      writeFileSync(file, JSON.stringify({ virsraksts: 'PROTOKOLS' }));
      const run = start({ GROUP_TEMPLATES_DIR: dir });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n')).toEqual([
        'protokols: grupu veidnes nav lietojamas:',
        expect.stringMatching(new RegExp(`^${file.replace(/[.\\]/gu, '\\$&')}: atslēga "virsraksts" projekta veidnēs`, 'u')),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
