import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '.';

// This entry is built to out/main/cli.js; the built renderer sits beside it in out/renderer.
const here = dirname(fileURLToPath(import.meta.url));
await runCli(process.argv, process.env.PACKBENCH_RENDERER_DIR ?? join(here, '..', 'renderer'));
