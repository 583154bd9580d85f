// Checks an incoming plan document against plan.schema.json and the rules a schema cannot say: the
// period in order, goals numbered once, each activity under its own goal and numbered once.
import { InvalidInput } from '../domain/errors.ts';
import { goalOfActivity, isActivityNumber, planActivityNumber } from '../domain/plan-activity.ts';
import { documentShape } from '../validation/document-shape.ts';
import { TEXT_SAFETY } from '../validation/text-keyword.ts';
import type { PlanDocument } from './plan-document.ts';
import schema from './plan.schema.json' with { type: 'json' };

type Node = Record<string, unknown>;

/** Every free text of the plan is checked as every text the app takes is. */
function withTextChecks(source: object): Node {
  const copy = structuredClone(source) as Node;
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const n = node as Node;
    if (n.type === 'string' && n.const === undefined) n[TEXT_SAFETY] = 'text';
    Object.values(n).forEach(visit);
  };
  visit(copy);
  return copy;
}

const shapeOf = documentShape<PlanDocument>(() => withTextChecks(schema));

export function validatePlanDocument(input: unknown): PlanDocument {
  const doc = shapeOf(input);
  if (doc.period.to < doc.period.from) throw new InvalidInput('period.to', 'beigu gads ir agrāks par sākuma gadu.');
  const goals = new Set<number>();
  const numbers = new Set<string>();
  doc.goals.forEach((goal, g) => {
    if (goals.has(goal.number)) throw new InvalidInput(`goals[${g}].number`, `mērķis Nr. ${goal.number} plānā jau ir.`);
    goals.add(goal.number);
    goal.activities.forEach((a, i) => {
      const field = `goals[${g}].activities[${i}]`;
      if (!isActivityNumber(a.number))
        throw new InvalidInput(`${field}.number`, 'aktivitātes numurā jābūt vismaz divām daļām (piemēram, 5.3.1.).');
      const number = planActivityNumber(a.number);
      if (goalOfActivity(number) !== goal.number)
        throw new InvalidInput(`${field}.number`, `aktivitāte ${number} nepieder mērķim Nr. ${goal.number}.`);
      if (numbers.has(number))
        throw new InvalidInput(
          `${field}.number`,
          `aktivitāte ${number} plānā jau ir; citu tekstu ar to pašu numuru raksta laukā repeatedTexts.`,
        );
      numbers.add(number);
      (a.years ?? []).forEach((year, y) => {
        if (year < doc.period.from || year > doc.period.to)
          throw new InvalidInput(`${field}.years[${y}]`, `${year}. gads neietilpst plāna periodā.`);
      });
    });
  });
  return doc;
}
