// How a prevention-plan activity is referred to: by its number in the plan, always with the
// trailing dot that Latvian numbering prints (`5.3.1.`).

export function planActivityNumber(typed: string): string {
  const trimmed = typed.trim();
  return trimmed.endsWith('.') ? trimmed : `${trimmed}.`;
}
