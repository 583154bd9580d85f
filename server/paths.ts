// Where the files read at run time live (templates/, the built front end), found from this module
// alike when it runs from the sources (server/paths.ts, under tsx) and from the build (dist/server/*.js).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const built = path.basename(path.dirname(here)) === 'dist';
/** The checkout's root: the folder holding server/, templates/ and dist/. */
export const PROJECT_ROOT = built ? path.resolve(here, '../..') : path.resolve(here, '..');
/** The wording of the minutes and exports, read at run time so a group can reword them without a build. */
export const TEMPLATES_DIR = path.join(PROJECT_ROOT, 'templates');
/** The built front end (scripts/build-web.ts): the only folder the static root serves. */
export const FRONT_END_DIR = path.join(PROJECT_ROOT, 'dist', 'web');
/** A content-hashed file of the front end (`/app.3f2a9c1b0d.js`): a new build gets a new name, so it is cached for good. */
export const HASHED_ASSET = /^\/(?:app|styles)\.[0-9a-f]{10}\.(?:js|css)$/u;
/** The DOCX pool's thread module (server/minutes/docx-worker.ts): its own entry of the build, beside main.js. */
export const DOCX_WORKER = built ? path.join(here, 'docx-worker.js') : path.join(here, 'minutes', 'docx-worker.ts');
