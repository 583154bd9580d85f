import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.ts';
import { PLAN_ACTIVITY_MAX_LENGTH, PLAN_ACTIVITY_PATTERN } from '../../server/domain/plan-activity.ts';
import { REPO_ROOT, sharedPath } from '../support/reference.ts';

describe('contracts kept in step', () => {
  it('the interchange schema in the repo is the shared one, unchanged', () => {
    const ours = JSON.parse(readFileSync(path.join(REPO_ROOT, 'server/interchange/sitting.schema.json'), 'utf8'));
    const shared = JSON.parse(readFileSync(sharedPath('formats', 'sitting.schema.json'), 'utf8'));
    expect(ours).toEqual(shared);
  });

  it('the register filters by plan activity with the interchange schema’s pattern and length', () => {
    const schema = readFileSync(path.join(REPO_ROOT, 'server/interchange/sitting.schema.json'), 'utf8');
    const found = /"planActivity": (\{[^}]*\})/u.exec(schema);
    const planActivity = JSON.parse(found?.[1] ?? '{}') as { pattern?: string; maxLength?: number };
    expect(planActivity).toMatchObject({ pattern: PLAN_ACTIVITY_PATTERN, maxLength: PLAN_ACTIVITY_MAX_LENGTH });
  });

  it('every migration file is listed in migrations/index.ts', () => {
    const files = readdirSync(path.join(REPO_ROOT, 'migrations'))
      .filter((f) => /^\d{8}T\d{6}-.+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(Object.keys(migrations).sort()).toEqual(files.sort());
  });
});
