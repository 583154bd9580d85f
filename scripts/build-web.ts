// Builds the front end into dist/web/, the only folder the static root serves: web/src/main.ts bundled
// to app.<hash>.js, styles.<hash>.css, the icon, and index.html naming those two; each compressible
// file also as .br and .gz beside it, made once here rather than at every request.
// `tsx scripts/build-web.ts [--dev]`.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

import { FRONT_END_DIR, HASHED_ASSET, PROJECT_ROOT } from '../server/paths.ts';

const WEB = path.join(PROJECT_ROOT, 'web');

export interface BuildWebOptions {
  /** Minify and drop source maps (the default); `false` keeps the bundle readable. */
  production?: boolean;
  /** Where to write; dist/web/ of this checkout unless given. */
  outDir?: string;
}

const hashed = (stem: string, extension: string, contents: Uint8Array) =>
  `${stem}.${createHash('sha256').update(contents).digest('hex').slice(0, 10)}.${extension}`;

/** Replaces `from` in the page exactly once, so a renamed tag in web/index.html fails the build. */
function link(page: string, from: string, to: string): string {
  const parts = page.split(from);
  if (parts.length !== 2) throw new Error(`web/index.html must name ${from} exactly once`);
  return parts.join(to);
}

export async function buildWeb({ production = true, outDir = FRONT_END_DIR }: BuildWebOptions = {}): Promise<{
  bundle: string;
  styles: string;
}> {
  const result = await build({
    entryPoints: [path.join(WEB, 'src', 'main.ts')],
    bundle: true,
    format: 'esm',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    minify: production,
    sourcemap: production ? false : 'inline',
    legalComments: 'none',
    write: false,
    outfile: path.join(outDir, 'app.js'),
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents;
  if (code === undefined) throw new Error('esbuild wrote no bundle');
  const css = await readFile(path.join(WEB, 'styles.css'));
  const bundle = hashed('app', 'js', code);
  const styles = hashed('styles', 'css', css);
  let page = await readFile(path.join(WEB, 'index.html'), 'utf8');
  page = link(page, 'src="/app.js"', `src="/${bundle}"`);
  page = link(page, 'href="/styles.css"', `href="/${styles}"`);

  await mkdir(outDir, { recursive: true });
  const files: [string, Uint8Array][] = [
    [bundle, code],
    [styles, css],
    ['favicon.svg', await readFile(path.join(WEB, 'favicon.svg'))],
    ['index.html', Buffer.from(page)],
  ];
  // The page last: it must never name a bundle that is not there yet.
  for (const [name, contents] of files) {
    await writeAtomically(
      path.join(outDir, `${name}.br`),
      brotliCompressSync(contents, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
    await writeAtomically(path.join(outDir, `${name}.gz`), gzipSync(contents, { level: 9 }));
    await writeAtomically(path.join(outDir, name), contents);
  }
  // Bundles of earlier builds go; a page already loaded keeps working until its next reload.
  const current = new Set(files.flatMap(([name]) => [name, `${name}.br`, `${name}.gz`]));
  for (const name of await readdir(outDir)) {
    const asset = `/${name.replace(/\.(?:br|gz)$/u, '')}`;
    if (!current.has(name) && HASHED_ASSET.test(asset)) await rm(path.join(outDir, name), { force: true });
  }
  return { bundle, styles };
}

/** Write then rename, so a server (or a parallel test build) never serves half a file. */
async function writeAtomically(file: string, contents: Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, contents);
  await rename(temp, file);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const { bundle } = await buildWeb({ production: !process.argv.includes('--dev') });
  console.log(`dist/web/${bundle} built in ${Math.round(performance.now() - started)} ms`);
}
