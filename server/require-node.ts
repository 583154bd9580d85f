// Stops the process at once on a Node older than 22.12: better-sqlite3 13 needs it, and on an older
// Node the server would crash later instead. Imported first by the server and the CLI.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `protokols: nepieciešams Node.js 22 LTS (22.12 vai jaunāka versija) vai 24 LTS, bet šeit ir ${process.version} / ` +
      `protokols needs Node.js 22 LTS (22.12 or newer) or 24 LTS, this is ${process.version}\n`,
  );
  process.exit(1);
}
