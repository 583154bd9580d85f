// DOCX rendering of the minutes: the Nr. 7 sitting and a generated large one.
import { DEFAULT_GROUP_PROFILE } from '../server/domain/group-settings.ts';
import { renderMinutes } from '../server/minutes/render-minutes.ts';
import { nr7 } from '../test/support/reference.ts';
import { sittingModel } from '../test/support/sitting-model.ts';
import { generateLargeSitting } from './fixtures/large-sitting.ts';
import type { BenchCase } from './harness.ts';

export async function minutesCases(): Promise<{ cases: BenchCase[]; close: () => Promise<void> }> {
  const small = { group: DEFAULT_GROUP_PROFILE, sitting: sittingModel(nr7()) };
  const large = { group: DEFAULT_GROUP_PROFILE, sitting: sittingModel(generateLargeSitting()) };
  return {
    cases: [
      { name: 'render DOCX of Nr. 7', targetMs: 20, run: () => renderMinutes(small, 'full', 'docx') },
      { name: 'render DOCX of a large sitting (40 items, 150 decisions)', targetMs: 200, run: () => renderMinutes(large, 'full', 'docx') },
    ],
    close: async () => {},
  };
}
