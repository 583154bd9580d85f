// Whether dist/ holds a build of the current sources: its stamp (dist/BUILD, dated when that build
// started) is newer than every file it was built from. Plain JavaScript, so it runs before any build
// and without tsx: `node scripts/build-state.js` exits 0 when the build is fresh, 1 when it is
// missing or older (scripts/start.sh then builds); bin/protokols.js asks the same.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What the build reads. templates/ is not here: the server reads it at run time, unbuilt. */
export const BUILD_SOURCES = [
  'server',
  'migrations',
  'web/src',
  'web/index.html',
  'web/styles.css',
  'web/favicon.svg',
  'scripts/build.ts',
  'scripts/build-web.ts',
];
export const BUILD_STAMP = 'dist/BUILD';

function newestChange(file) {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (stat === undefined) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(file).reduce((newest, name) => Math.max(newest, newestChange(path.join(file, name))), stat.mtimeMs);
}

/** True when `root`/dist holds a build at least as new as every source. */
export function buildIsFresh(root = ROOT) {
  const stamp = statSync(path.join(root, BUILD_STAMP), { throwIfNoEntry: false });
  if (stamp === undefined) return false;
  return BUILD_SOURCES.every((source) => newestChange(path.join(root, source)) <= stamp.mtimeMs);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = buildIsFresh() ? 0 : 1;
}
