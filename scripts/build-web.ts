// Builds the front end: bundles web/src/main.ts into web/dist/app.js (served beside web/index.html
// and web/styles.css by @fastify/static). `tsx scripts/build-web.ts [--dev]`.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const WEB = fileURLToPath(new URL('../web', import.meta.url));
export const WEB_DIST = path.join(WEB, 'dist');

export interface BuildWebOptions {
  /** Minify and drop source maps (the default); `false` keeps the bundle readable. */
  production?: boolean;
}

export async function buildWeb({ production = true }: BuildWebOptions = {}): Promise<void> {
  const result = await build({
    entryPoints: [path.join(WEB, 'src', 'main.ts')],
    bundle: true,
    format: 'esm',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    minify: production,
    sourcemap: production ? false : 'inline',
    legalComments: 'none',
    write: false,
    outfile: path.join(WEB_DIST, 'app.js'),
    logLevel: 'silent',
  });
  await mkdir(WEB_DIST, { recursive: true });
  for (const file of result.outputFiles) {
    // Write then rename, so a server (or a parallel test build) never serves half a file.
    const temp = `${file.path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, file.contents);
    await rename(temp, file.path);
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildWeb({ production: !process.argv.includes('--dev') });
  console.log(`web/dist/app.js built in ${Math.round(performance.now() - started)} ms`);
}
