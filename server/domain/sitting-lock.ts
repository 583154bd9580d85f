// Signed minutes never change: every write to a sitting or its parts passes through here.
import { Conflict } from './errors.ts';

export function assertDraft(sitting: { state: string; number: number }): void {
  if (sitting.state !== 'draft') {
    throw new Conflict(`Sēdes Nr. ${sitting.number} protokols ir parakstīts, un to vairs nevar mainīt.`);
  }
}
