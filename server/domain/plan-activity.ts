// How a prevention-plan activity is referred to: by its number in the plan, always with the
// trailing dot that Latvian numbering prints (`5.3.1.`).

/** A number in the plan's action programme, with or without its trailing dot: the interchange schema's pattern. */
export const PLAN_ACTIVITY_PATTERN = '^[0-9]+(\\.[0-9]+)*\\.?$';
export const PLAN_ACTIVITY_MAX_LENGTH = 20;

export function planActivityNumber(typed: string): string {
  const trimmed = typed.trim();
  return trimmed.endsWith('.') ? trimmed : `${trimmed}.`;
}
