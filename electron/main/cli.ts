/**
 * The `packbench` command inside the installed app (bench PCs have no Node): `Packbench.exe --cli <command> …`, as
 * the `packbench.cmd` shim beside the exe calls it. Returns the command's arguments, or null for a normal start.
 */
export function cliArguments(argv: readonly string[]): string[] | null {
  const i = argv.indexOf('--cli');
  return i < 0 ? null : argv.slice(i + 1);
}
