// Compiles each route's request validators and response serializers at their first use instead of at
// start: ajv and fast-json-stringify over every route were most of the server's start time and memory.
import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type SchemaController = NonNullable<FastifyServerOptions['schemaController']>;
type Factories = NonNullable<SchemaController['compilersFactory']>;
type ValidatorFactory = NonNullable<Factories['buildValidator']>;
type SerializerFactory = NonNullable<Factories['buildSerializer']>;

// Fastify's own default compilers, loaded from its own dependencies: the very ones it would use.
const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
const fastifyValidators = fromFastify('@fastify/ajv-compiler') as () => ValidatorFactory;
const fastifySerializers = fromFastify('@fastify/fast-json-stringify-compiler') as () => SerializerFactory;

/** Properties Fastify reads from a validator besides calling it (ajv's errors, and its schemaEnv before each call). */
const FORWARDED = ['errors', 'schemaEnv'] as const;

export interface LazySchemas {
  schemaController: SchemaController;
  /** Compiles every schema not compiled yet, as Fastify would have at start; throws on the first that fails. */
  compileAll: () => number;
}

/** One app's compilers: each compiles its route's schema when the route is first called. */
export function lazySchemas(): LazySchemas {
  const pending = new Set<() => unknown>();
  const lazily =
    <Route, Compiled extends (...args: never[]) => unknown>(compile: (route: Route) => Compiled) =>
    (route: Route): Compiled => {
      let compiled: Compiled | undefined;
      const get = (): Compiled => {
        if (compiled === undefined) {
          compiled = compile(route);
          pending.delete(get);
        }
        return compiled;
      };
      pending.add(get);
      const fn = ((...args: Parameters<Compiled>) => get()(...args)) as Compiled;
      for (const key of FORWARDED) Object.defineProperty(fn, key, { get: () => (get() as unknown as Record<string, unknown>)[key] });
      return fn;
    };
  const validators = fastifyValidators();
  const serializers = fastifySerializers();
  return {
    schemaController: {
      compilersFactory: {
        buildValidator: (...args: Parameters<ValidatorFactory>) => lazily(validators(...args)),
        buildSerializer: (...args: Parameters<SerializerFactory>) => lazily(serializers(...args)),
      },
    },
    compileAll: () => {
      const count = pending.size;
      for (const compile of [...pending]) compile();
      return count;
    },
  };
}
