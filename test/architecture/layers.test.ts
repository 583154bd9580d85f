// The layers of server/ as the folder READMEs describe them, checked by reading every import:
// a rule that only lives in a README is broken by the first hurried change.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

interface Import {
  file: string;
  target: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)).split(sep).join('/'));
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^;'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** What a file imports, each target as a repository path (`server/repositories/x.ts`) or a package name. */
function importsOf(file: string, text: string): Import[] {
  const found: Import[] = [];
  const add = (spec: string, typeOnly: boolean) => {
    const target = spec.startsWith('.')
      ? relative(ROOT, resolve(ROOT, file, '..', spec))
          .split(sep)
          .join('/')
      : spec;
    found.push({ file, target, typeOnly });
  };
  for (const m of text.matchAll(IMPORT)) {
    // `import { type A, type B } from` is erased as a whole, like `import type`.
    const named = /^\s*(?:import|export)\s+\{([^}]*)\}\s+from/.exec(m[0])?.[1];
    const allTypes = named !== undefined && named.split(',').every((n) => n.trim() === '' || n.trim().startsWith('type '));
    add(m[3]!, m[2] !== undefined || allTypes);
  }
  for (const m of text.matchAll(DYNAMIC_IMPORT)) add(m[1]!, false);
  return found;
}

const layerOf = (target: string) => /^server\/([^/]+)\//.exec(target)?.[1] ?? (target.startsWith('server/') ? 'server' : target);

interface Rule {
  layer: string;
  /** Layers (folders of server/, or package names) this layer must not import at all. */
  never: string[];
  /** Layers it may import only for their types (erased at build). */
  typesOnly?: string[];
}

const RULES: Rule[] = [
  {
    layer: 'domain',
    never: ['db', 'repositories', 'services', 'http', 'routes', 'plugins', 'wording', 'exports', 'kysely', 'fastify'],
    typesOnly: ['minutes', 'interchange', 'schemas'],
  },
  { layer: 'repositories', never: ['services', 'wording', 'minutes', 'exports', 'interchange', 'http', 'routes', 'plugins', 'fastify'] },
  { layer: 'services', never: ['http', 'routes', 'plugins', 'fastify'] },
  { layer: 'minutes', never: ['db', 'repositories', 'services', 'http', 'routes', 'plugins', 'kysely', 'fastify'] },
  { layer: 'plans', never: ['db', 'repositories', 'services', 'http', 'routes', 'plugins', 'kysely', 'fastify'] },
  { layer: 'exports', never: ['db', 'repositories', 'services', 'http', 'routes', 'plugins', 'kysely', 'fastify'] },
  { layer: 'wording', never: ['db', 'repositories', 'services', 'http', 'routes', 'plugins', 'minutes', 'exports', 'kysely', 'fastify'] },
  { layer: 'routes', never: ['repositories', 'db', 'kysely', 'minutes', 'exports', 'interchange', 'wording', 'protocol-import'] },
  { layer: 'http', never: ['kysely', 'minutes', 'exports', 'interchange'], typesOnly: ['repositories', 'db'] },
  { layer: 'protocol-import', never: ['db', 'repositories', 'services', 'http', 'routes', 'plugins', 'wording', 'kysely', 'fastify'] },
];

/** Statements that touch the database directly: Kysely's query builders and raw `sql`. */
const SQL = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|transaction)\(|\bsql`|\.db\b/;

function violations(files: string[], read: (f: string) => string): string[] {
  const found: string[] = [];
  for (const file of files) {
    const text = read(file);
    const own = layerOf(file);
    const rule = RULES.find((r) => r.layer === own);
    if (rule === undefined) continue;
    for (const imp of importsOf(file, text)) {
      const to = layerOf(imp.target);
      if (to === own) continue;
      if (rule.never.includes(to) || (!imp.typeOnly && rule.typesOnly?.includes(to)))
        found.push(`${file} imports ${imp.target}${imp.typeOnly ? ' (types)' : ''}`);
    }
    if ((own === 'routes' || own === 'http') && SQL.test(text)) found.push(`${file} runs SQL: ${SQL.exec(text)![0]}`);
  }
  return found;
}

const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');

describe('the layers of the server', () => {
  const files = sourceFiles('server');

  it('hold as the folder READMEs say: repositories import no service, wording or rendering; routes and http run no SQL', () => {
    expect(violations(files, read)).toEqual([]);
  });

  it('routes reach rows only through services', () => {
    const routeImports = files.filter((f) => f.startsWith('server/routes/')).flatMap((f) => importsOf(f, read(f)));
    expect(routeImports.some((i) => i.target.startsWith('server/services/'))).toBe(true);
    expect(routeImports.filter((i) => i.target.startsWith('server/repositories/') && !i.typeOnly)).toEqual([]);
  });

  it('would catch a repository that words, a route that queries, and a domain rule that reads rows', () => {
    const planted: Record<string, string> = {
      'server/repositories/x.ts': "import { loadMinutesTemplates } from '../wording/templates.ts';",
      'server/routes/x.ts': "const rows = await db.selectFrom('sittings').selectAll().execute();",
      'server/domain/x.ts': "import { sittingRow } from '../repositories/sittings.ts';",
      'server/domain/y.ts': "import type { FollowUp } from '../minutes/minutes-source.ts';",
    };
    expect(violations(Object.keys(planted), (f) => planted[f]!)).toEqual([
      'server/repositories/x.ts imports server/wording/templates.ts',
      'server/routes/x.ts runs SQL: .selectFrom(',
      'server/domain/x.ts imports server/repositories/sittings.ts',
    ]);
  });

  it('every layer with rules has a README saying what it may import', () => {
    const missing = RULES.map((r) => `server/${r.layer}/README.md`).filter((f) => {
      try {
        return read(f).length === 0;
      } catch {
        return true;
      }
    });
    expect(missing).toEqual([]);
  });
});

/** Server modules the front end bundles as they are: pure domain rules that import nothing. */
const SHARED_WITH_FRONT_END = ['server/domain/typography.ts'];

describe('the front end', () => {
  it('imports only types from the server, which esbuild erases, and values only from pure rules that import nothing', () => {
    const files = sourceFiles('web/src');
    const valueImports = files
      .flatMap((f) => importsOf(f, read(f)))
      .filter((i) => i.target.startsWith('server/') && !i.typeOnly && !SHARED_WITH_FRONT_END.includes(i.target));
    expect(valueImports).toEqual([]);
    for (const shared of SHARED_WITH_FRONT_END) expect(importsOf(shared, read(shared)), shared).toEqual([]);
  });
});
