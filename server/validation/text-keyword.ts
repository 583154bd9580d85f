// The `textSafety` schema keyword: every string a request or an imported document carries is
// checked by the one rule of domain/text-safety.ts, inside schema validation, so it names the field.
import type { Ajv, ErrorObject, FuncKeywordDefinition } from 'ajv';
import type { RouteOptions } from 'fastify';

interface DataValidateFunction {
  (data: string): boolean;
  errors?: Array<Partial<ErrorObject>>;
}
import { textProblem, type TextKind } from '../domain/text-safety.ts';

export const TEXT_SAFETY = 'textSafety';

const definition: FuncKeywordDefinition = {
  keyword: TEXT_SAFETY,
  type: 'string',
  schemaType: 'string',
  errors: true,
  compile(kind: TextKind) {
    if (kind !== 'text' && kind !== 'name') throw new Error(`${TEXT_SAFETY} must be "text" or "name", not ${String(kind)}`);
    const validate: DataValidateFunction = (data: string) => {
      const problem = textProblem(data, kind);
      validate.errors = problem === null ? [] : [{ keyword: TEXT_SAFETY, message: problem, params: { problem } }];
      return problem === null;
    };
    return validate;
  },
};

/** Teaches an Ajv instance the keyword; also usable as an entry of Fastify's `ajv.plugins`. */
export function textSafetyKeyword(ajv: Ajv): Ajv {
  return ajv.addKeyword(definition);
}

/**
 * The strings of a request schema the keyword does not check (`body.owners[].name`), so that a
 * route added without the check is refused at start rather than found open later.
 */
export function uncheckedStrings(schema: unknown, at: string): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const s = schema as Record<string, unknown>;
  const found: string[] = [];
  const isString = s.type === 'string' || (Array.isArray(s.type) && s.type.includes('string'));
  if (isString && s.const === undefined && s.enum === undefined && s[TEXT_SAFETY] === undefined) found.push(at);
  for (const [key, child] of Object.entries((s.properties ?? {}) as Record<string, unknown>))
    found.push(...uncheckedStrings(child, `${at}.${key}`));
  for (const child of Object.values((s.patternProperties ?? {}) as Record<string, unknown>))
    found.push(...uncheckedStrings(child, `${at}.*`));
  for (const child of [s.items, s.additionalProperties].flat()) found.push(...uncheckedStrings(child, `${at}[]`));
  for (const union of [s.anyOf, s.oneOf, s.allOf]) {
    if (Array.isArray(union)) for (const branch of union) found.push(...uncheckedStrings(branch, at));
  }
  return found;
}

/** An `onRoute` hook: a route that accepts a string without the check does not start. */
export function refuseUncheckedStrings(route: RouteOptions): void {
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  const unchecked = ['body', 'querystring', 'params', 'headers'].flatMap((part) => uncheckedStrings(schema[part], part));
  if (unchecked.length > 0)
    throw new Error(`${String(route.method)} ${route.url}: ${unchecked.join(', ')} without the ${TEXT_SAFETY} check`);
}
