#!/usr/bin/env node
// Launcher for the built CLI (out/main/cli.js). Checks the Node version first: better-sqlite3 13 crashes on Node 20.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `packbench needs Node.js 22.12 or newer (this is ${process.version}); run it as "npx packbench" inside the project, which uses the bundled Node 24.`,
  );
  process.exit(1);
}
const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('packbench is not built yet: run "npm run build" (npm install does it once).');
  process.exit(1);
}
await import(cli);
