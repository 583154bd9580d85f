// How a prevention-plan activity is referred to: by its number in the plan, always with the
// trailing dot that Latvian numbering prints (`5.3.1.`).

/** A number in the plan's action programme, with or without its trailing dot: the interchange schema's pattern. */
export const PLAN_ACTIVITY_PATTERN = '^[0-9]+(\\.[0-9]+)*\\.?$';
export const PLAN_ACTIVITY_MAX_LENGTH = 20;

export function planActivityNumber(typed: string): string {
  const trimmed = typed.trim();
  return trimmed.endsWith('.') ? trimmed : `${trimmed}.`;
}

/** The goal an activity belongs to: the first part of its number (5 for `5.3.1.`). */
export function goalOfActivity(number: string): number {
  return Number(planActivityNumber(number).split('.')[0]);
}

/** An activity's own number has at least two parts (`1.1.`); a bare `1.` names a goal. */
export function isActivityNumber(number: string): boolean {
  return new RegExp(PLAN_ACTIVITY_PATTERN).test(number.trim()) && planActivityNumber(number).split('.').length >= 3;
}

/** Numbers in the plan's order: 5.1. < 5.1.1. < 5.2. < 5.10. */
export function compareActivityNumbers(a: string, b: string): number {
  const pa = planActivityNumber(a)
    .split('.')
    .filter((p) => p !== '')
    .map(Number);
  const pb = planActivityNumber(b)
    .split('.')
    .filter((p) => p !== '')
    .map(Number);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return (pa[i] as number) - (pb[i] as number);
  return pa.length - pb.length;
}
