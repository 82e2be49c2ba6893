/**
 * The `packbench` command inside the installed app (bench PCs have no Node): `Packbench.exe --cli <command> …`, as
 * the `packbench.cmd` shim beside the exe calls it. Returns the command's arguments, or null for a normal start.
 */
export function cliArguments(argv: readonly string[]): string[] | null {
  const i = argv.indexOf('--cli');
  return i < 0 ? null : argv.slice(i + 1);
}

/** `--config FILE` or `--config=FILE` on the app's command line (IT shortcuts); else the usual lookup. */
export function configFlag(argv: readonly string[]): string | undefined {
  const i = argv.findIndex((a) => a === '--config' || a.startsWith('--config='));
  if (i < 0) return undefined;
  return argv[i]!.includes('=') ? argv[i]!.slice('--config='.length) : argv[i + 1];
}
