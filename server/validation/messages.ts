// Turns JSON Schema validation errors (Ajv) into one Latvian message that names the field.
import type { ErrorObject } from 'ajv';
import { InvalidInput } from '../domain/errors.ts';
import { PLAN_ACTIVITY_PATTERN } from '../domain/plan-activity.ts';
import { TEXT_SAFETY } from './text-keyword.ts';

/** `/decisions/2/due` → `decisions[2].due` */
export function fieldPath(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').filter((p) => p !== '');
  if (child !== undefined) parts.push(child);
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path === '' ? part : `${path}.${part}`), '');
}

function describe(error: ErrorObject): { field: string; message: string } {
  const p = error.params as Record<string, unknown>;
  const at = (child?: string) => fieldPath(error.instancePath, child) || 'pieprasījums';
  switch (error.keyword) {
    case 'required':
      return { field: at(String(p.missingProperty)), message: 'obligāts lauks nav norādīts.' };
    case 'additionalProperties':
      return { field: at(String(p.additionalProperty)), message: 'šāds lauks nav paredzēts.' };
    case 'type':
      return { field: at(), message: `jābūt tipam ${typeName(String(p.type))}.` };
    case 'pattern':
      return { field: at(), message: `vērtība neatbilst formātam (${patternHint(String(p.pattern))}).` };
    case 'minLength':
      return { field: at(), message: Number(p.limit) === 1 ? 'nedrīkst būt tukšs.' : `jābūt vismaz ${String(p.limit)} rakstzīmēm.` };
    case 'maxLength':
      return { field: at(), message: `drīkst būt ne vairāk kā ${String(p.limit)} rakstzīmes.` };
    case 'minimum':
      return { field: at(), message: `jābūt vismaz ${String(p.limit)}.` };
    case 'maximum':
      return { field: at(), message: `drīkst būt ne vairāk kā ${String(p.limit)}.` };
    case 'maxItems':
      return { field: at(), message: `drīkst būt ne vairāk kā ${String(p.limit)} ieraksti.` };
    case 'enum':
      return { field: at(), message: `atļautās vērtības: ${(p.allowedValues as unknown[]).map(String).join(', ')}.` };
    case 'const':
      return { field: at(), message: `jābūt "${String(p.allowedValue)}".` };
    case TEXT_SAFETY:
      return { field: at(), message: String(p.problem) };
    case 'anyOf':
    case 'oneOf':
      return { field: at(), message: 'vērtība neatbilst nevienam atļautajam variantam.' };
    default:
      return { field: at(), message: 'nederīga vērtība.' };
  }
}

function typeName(type: string): string {
  const names: Record<string, string> = {
    string: 'teksts',
    integer: 'vesels skaitlis',
    number: 'skaitlis',
    boolean: 'patiess/nepatiess (true/false)',
    object: 'objekts',
    array: 'saraksts',
    null: 'null',
  };
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' vai ');
}

function patternHint(pattern: string): string {
  if (pattern.includes('[0-9]{4}-')) return 'GGGG-MM-DD';
  if (pattern.includes('[0-5][0-9]')) return 'SS:MM';
  if (pattern === PLAN_ACTIVITY_PATTERN) return 'piemēram, 5.3.1.';
  return pattern;
}

/**
 * The most useful error of a failed validation: a union's branch errors are noise next to
 * a plain one, so those come last.
 */
export function invalidInputFrom(errors: readonly ErrorObject[], prefix = ''): InvalidInput {
  const ranked = [...errors].sort((a, b) => rank(a) - rank(b));
  const first = ranked[0];
  if (first === undefined) return new InvalidInput(prefix || 'pieprasījums', 'nederīga vērtība.');
  const { field, message } = describe(first);
  return new InvalidInput(prefix && field !== 'pieprasījums' ? `${prefix}.${field}` : field, message);
}

function rank(error: ErrorObject): number {
  // A forbidden character is the fault whichever branch of a union it was found in.
  if (error.keyword === TEXT_SAFETY) return 0;
  if (error.keyword === 'anyOf' || error.keyword === 'oneOf') return 2;
  if (error.schemaPath.includes('anyOf') || error.schemaPath.includes('oneOf')) return 1;
  return 0;
}
