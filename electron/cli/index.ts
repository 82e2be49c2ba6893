import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitWith } from './fail';
import { buildProgram } from './program';

// This entry is built to out/main/cli.js; the built renderer sits beside it in out/renderer.
const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = process.env.PACKBENCH_RENDERER_DIR ?? join(here, '..', 'renderer');

try {
  await buildProgram(rendererDir).parseAsync(process.argv);
} catch (err) {
  exitWith(err);
}
