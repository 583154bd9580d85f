// Checks an incoming sitting document against the interchange schema and the rules a schema
// cannot say (real dates, times in order, references that exist).
import { assertDate, assertTimeOrder } from '../domain/calendar.ts';
import { InvalidInput } from '../domain/errors.ts';
import { nameKey } from '../domain/names.ts';
import { MAX_INTEGER, MAX_SITTING_NUMBER } from '../domain/numbering.ts';
import { documentShape } from '../validation/document-shape.ts';
import { TEXT_SAFETY } from '../validation/text-keyword.ts';
import schema from './sitting.schema.json' with { type: 'json' };
import type { SittingDocument } from './sitting-document.ts';

type Node = Record<string, unknown>;

/**
 * The shared schema (kept byte for byte as the contract) plus this app's limits, the same the
 * API's schemas carry: every text checked, names one direction only, every number bounded.
 */
function withLimits(shared: object): Node {
  const copy = structuredClone(shared) as Node;
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const n = node as Node;
    if (n.type === 'string' && n.const === undefined && n.enum === undefined) n[TEXT_SAFETY] = 'text';
    if (n.type === 'integer') n.maximum ??= MAX_INTEGER;
    Object.values(n).forEach(visit);
  };
  visit(copy);
  const at = (...path: string[]) => path.reduce<Node>((node, key) => node[key] as Node, copy);
  at('definitions', 'name')[TEXT_SAFETY] = 'name';
  at('definitions', 'position')[TEXT_SAFETY] = 'name';
  at('properties', 'number').maximum = MAX_SITTING_NUMBER;
  at('properties', 'reviews', 'items', 'properties', 'sitting').maximum = MAX_SITTING_NUMBER;
  return copy;
}

const shapeOf = documentShape<SittingDocument>(() => withLimits(schema));

export function validateSittingDocument(input: unknown): SittingDocument {
  const doc = shapeOf(input);
  assertDate('date', doc.date);
  assertTimeOrder(doc.startTime, doc.endTime ?? null);
  doc.decisions.forEach((d, i) => {
    if (d.due !== undefined) assertDate(`decisions[${i}].due`, d.due);
    if (d.agendaItem !== undefined && d.agendaItem > doc.agenda.length) {
      throw new InvalidInput(`decisions[${i}].agendaItem`, `darba kārtībā nav ${d.agendaItem}. punkta (punkti: ${doc.agenda.length}).`);
    }
  });
  (doc.reviews ?? []).forEach((r, i) => {
    if (r.due !== undefined) assertDate(`reviews[${i}].due`, r.due);
    if (r.sitting === doc.number) throw new InvalidInput(`reviews[${i}].sitting`, 'sēde nevar izskatīt pati savus lēmumus.');
  });
  assertAttendeesOnce(doc);
  return doc;
}

function assertAttendeesOnce(doc: SittingDocument): void {
  const seen = new Set<string>();
  const lists: Array<[string, Array<{ name: string }>]> = [
    ['members', doc.members],
    ['absent', doc.absent ?? []],
    ['invited', doc.invited ?? []],
  ];
  for (const [list, people] of lists) {
    people.forEach((p, i) => {
      const key = nameKey(p.name);
      if (seen.has(key))
        throw new InvalidInput(`${list}[${i}].name`, `${p.name} sēdes dalībnieku sarakstos minēts vairāk nekā vienu reizi.`);
      seen.add(key);
    });
  }
}
