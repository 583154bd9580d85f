// The server's entry: turns on Node's compile cache before the app's modules load, so a restart
// reads them compiled instead of parsing some 4 MB of JavaScript again, then starts the server
// (serve.ts). The cache lives in the temp folder (NODE_COMPILE_CACHE moves it); where it cannot be
// written, Node starts without it.
import './require-node.ts';
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('./serve.ts');
