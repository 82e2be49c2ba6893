import { exitWith } from './fail';
import { buildProgram } from './program';

/** Commands that keep running until stopped (a server, an emulator): the desktop app must not exit after them. */
export const LONG_RUNNING = ['serve', 'sim'] as const;

/**
 * Runs one `packbench` command line: `argv` as Node gives it (`[runtime, script, ...args]`). `--debug` may stand
 * anywhere: it only adds stack traces to failures (see fail.ts).
 */
export async function runCli(argv: string[], rendererDir: string): Promise<void> {
  try {
    await buildProgram(rendererDir).parseAsync(argv.filter((a) => a !== '--debug'));
  } catch (err) {
    exitWith(err);
  }
}
