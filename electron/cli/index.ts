import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitWith } from './fail';
import { buildProgram } from './program';

// This entry is built to out/main/cli.js; the built renderer sits beside it in out/renderer.
const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = process.env.PACKBENCH_RENDERER_DIR ?? join(here, '..', 'renderer');

// `--debug` may stand anywhere on the line: it only adds stack traces to failures (see fail.ts).
const argv = process.argv.filter((a) => a !== '--debug');
try {
  await buildProgram(rendererDir).parseAsync(argv);
} catch (err) {
  exitWith(err);
}
