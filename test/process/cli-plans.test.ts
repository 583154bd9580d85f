import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { protokols } from '../support/cli.ts';
import { REPO_ROOT } from '../support/reference.ts';

const SAMPLE = path.join(REPO_ROOT, 'docs/samples/prevention-plan-cesu-2025-2027.json');
let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('protokols plan', { timeout: 120_000 }, () => {
  it('import prints the new plan id alone on the last line, and export gives the file back unchanged', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'protokols-plan-'));
    const database = path.join(dir, 'p.db');
    const imported = await protokols(database, 'plan', 'import', SAMPLE);
    expect(imported.code).toBe(0);
    const id = imported.stdout.trimEnd().split('\n').at(-1);
    expect(id).toMatch(/^\d+$/u);
    const exported = await protokols(database, 'plan', 'export', id as string);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual(JSON.parse(readFileSync(SAMPLE, 'utf8')));
  });

  it('a bad plan file is refused with a message naming the field, exit code 1', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'protokols-plan-'));
    const file = path.join(dir, 'plan.json');
    const doc = JSON.parse(readFileSync(SAMPLE, 'utf8'));
    doc.goals[0].activities[0].number = 'viens';
    writeFileSync(file, JSON.stringify(doc));
    const res = await protokols(path.join(dir, 'p.db'), 'plan', 'import', file);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('goals[0].activities[0].number');
  });
});
