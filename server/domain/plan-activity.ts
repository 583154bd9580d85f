// How a prevention-plan activity is referred to: by its number in the plan, always with the
// trailing dot that Latvian numbering prints (`5.3.1.`).

export function planActivityNumber(typed: string): string {
  const trimmed = typed.trim();
  return trimmed.endsWith('.') ? trimmed : `${trimmed}.`;
}

/** What may be typed: numbers joined by dots, the trailing dot optional (as the interchange schema says). */
export const PLAN_ACTIVITY_PATTERN = '^[0-9]+(\\.[0-9]+)*\\.?$';
export const PLAN_ACTIVITY_MAX_LENGTH = 20;
