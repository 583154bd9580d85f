// The shape check of an incoming document (a sitting, a prevention plan) against its JSON schema,
// with every text checked by the `textSafety` keyword.
import { Ajv, type ValidateFunction } from 'ajv';
import { invalidInputFrom } from './messages.ts';
import { textSafetyKeyword } from './text-keyword.ts';

/**
 * The document as `T` when it has the shape `schema()` gives, else InvalidInput naming the field.
 * The schema is compiled at the first document: compiling both took a fifth of the server's start,
 * for imports made a few times a year.
 */
export function documentShape<T>(schema: () => object): (input: unknown) => T {
  let validate: ValidateFunction<T> | undefined;
  return (input) => {
    validate ??= textSafetyKeyword(new Ajv({ allErrors: false, strict: false })).compile<T>(schema());
    if (!validate(input)) throw invalidInputFrom(validate.errors ?? []);
    return input;
  };
}
