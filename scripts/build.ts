// `npm run build`: compiles the server, the CLI and the DOCX worker thread (esbuild, one ES module each, sharing chunks) into
// dist/server/ and the front end into dist/web/, then stamps dist/BUILD, so `npm start` and
// `npx protokols` run plain JavaScript without transpiling. templates/ stays outside, read at run time
// (server/paths.ts finds it).
import { mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../server/paths.ts';
import { buildWeb } from './build-web.ts';

/**
 * Packages left in node_modules: native ones, and piscina, which starts its threads from its own
 * worker.js beside it. The rest is bundled, because loading several hundred
 * small files of node_modules one by one took about half of the start time.
 */
const NOT_BUNDLED = ['better-sqlite3', '@resvg/resvg-js', 'piscina'];

/** The compiled entry points, as `dist/server/<name>.js`. */
export const SERVER_ENTRIES = ['main', 'cli'] as const;

/** Modules that worker threads start from, as `dist/server/<name>.js` (server/paths.ts names them). */
const WORKER_ENTRIES = { 'docx-worker': 'minutes/docx-worker.ts' } as const;

/** Builds into `outDir` (dist/ of this checkout unless given; the folder must be named dist). */
export async function buildAll(outDir = path.join(PROJECT_ROOT, 'dist')): Promise<void> {
  // Dated when the build starts: a source saved while it runs leaves the build stale, not fresh.
  const started = new Date();
  const serverDir = path.join(outDir, 'server');
  await rm(serverDir, { recursive: true, force: true });
  await rm(path.join(outDir, 'BUILD'), { force: true });
  await build({
    entryPoints: [
      ...SERVER_ENTRIES.map((name) => ({ in: path.join(PROJECT_ROOT, 'server', `${name}.ts`), out: name })),
      ...Object.entries(WORKER_ENTRIES).map(([name, file]) => ({ in: path.join(PROJECT_ROOT, 'server', file), out: name })),
    ],
    outdir: serverDir,
    bundle: true,
    splitting: true,
    // Shared code lands beside the entries, so server/paths.ts finds the root from any chunk.
    chunkNames: 'chunk-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node22.12',
    external: NOT_BUNDLED,
    // Bundled CommonJS packages call require() for Node's own modules; an ES module has none.
    banner: {
      js: "import { createRequire as createRequireForBundle } from 'node:module';\nconst require = createRequireForBundle(import.meta.url);",
    },
    legalComments: 'none',
    logLevel: 'warning',
  });
  await buildWeb({ outDir: path.join(outDir, 'web') });
  await mkdir(outDir, { recursive: true });
  const stamp = path.join(outDir, 'BUILD');
  await writeFile(stamp, `${started.toISOString()}\n`);
  await utimes(stamp, started, started);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildAll();
  console.log(`dist/ built in ${Math.round(performance.now() - started)} ms`);
}
