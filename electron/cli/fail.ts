import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, currentEnvironment, userDataDir } from '../config';
import { CorruptDatabaseError, DatabaseLockedError, FutureDatabaseError } from '../store';
import { ContractError } from '../../shared/contract';

/** A failure the command knows and names in one line (file, field, port, batch): exit 1, or 2 for "device not ready". */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}

/** Node's own errors whose message already says what and where (a missing file, a port in use). */
const SYSTEM_CODES = new Set([
  'ENOENT',
  'EACCES',
  'EPERM',
  'EISDIR',
  'ENOTDIR',
  'EADDRINUSE',
  'EADDRNOTAVAIL',
  'EEXIST',
]);

const debug = () => process.argv.includes('--debug') || process.env.PACKBENCH_DEBUG === '1';

/** Where an unknown failure's stack goes, so the one line on screen can point at it. */
function cliLogFile(): string | null {
  try {
    const dir = join(userDataDir(currentEnvironment()), 'logs');
    mkdirSync(dir, { recursive: true });
    return join(dir, 'cli.log');
  } catch {
    return null;
  }
}

function systemMessage(err: NodeJS.ErrnoException): string {
  const what = err.path ?? (err as { address?: string }).address ?? '';
  const port = (err as { port?: number }).port;
  switch (err.code) {
    case 'ENOENT':
      return `no such file or folder: ${what}`;
    case 'EACCES':
    case 'EPERM':
      return `not allowed: ${what}${port ? `:${port}` : ''}`;
    case 'EADDRINUSE':
      return `port ${port ?? what} is already in use`;
    case 'EADDRNOTAVAIL':
      return `address ${what} is not on this machine`;
    case 'EISDIR':
      return `${what} is a folder, not a file`;
    case 'ENOTDIR':
      return `a part of ${what} is not a folder`;
    default:
      return err.message;
  }
}

/** The one line a failure prints (no stack unless --debug). */
export function describeFailure(err: unknown): string[] {
  if (err instanceof ConfigError)
    return [
      `config ${err.file ?? '(embedded default)'} has ${err.problems.length} problem(s):`,
      ...err.problems.map((p) => `  ${p}`),
    ];
  if (
    err instanceof CliError ||
    err instanceof ContractError ||
    err instanceof CorruptDatabaseError ||
    err instanceof FutureDatabaseError ||
    err instanceof DatabaseLockedError
  )
    return [err.message];
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code && SYSTEM_CODES.has(code)) return [systemMessage(err as NodeJS.ErrnoException)];
  const message = err instanceof Error ? err.message : String(err);
  const log = cliLogFile();
  if (log) {
    try {
      appendFileSync(
        log,
        `${new Date().toISOString()} ${process.argv.slice(2).join(' ')}\n${err instanceof Error ? (err.stack ?? message) : message}\n`,
      );
    } catch {
      /* the line on screen is what matters */
    }
  }
  return [`unexpected failure: ${message}${log ? ` (details in ${log})` : ''}`];
}

/** Known failures print their own clear text; anything else one line and where its details are. */
export function exitWith(err: unknown): never {
  for (const line of describeFailure(err)) console.error(line);
  if (debug() && err instanceof Error && err.stack) console.error(err.stack);
  process.exit(err instanceof CliError ? err.exitCode : 1);
}

/** Plain refusal of a command: one line, exit 1. */
export function fail(message: string, exitCode = 1): never {
  throw new CliError(message, exitCode);
}
