/** The logging surface the station uses; electron-log in the desktop app, stderr in the headless station. */
export interface Log {
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

export function consoleLog(prefix = 'packbench'): Log {
  const line = (level: string, message: string, details: unknown[]) =>
    console.error(`${new Date().toISOString()} ${prefix} ${level} ${message}`, ...details);
  return {
    info: (m, ...d) => line('info', m, d),
    warn: (m, ...d) => line('warn', m, d),
    error: (m, ...d) => line('error', m, d),
  };
}

export const silentLog: Log = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * Runs a task that nobody awaits (a settle step, a retry loop, a print drain, a reconnect). Its failure is caught and
 * logged with what the task was, so one bad record or answer never becomes an unhandled rejection.
 */
export function background(log: Log, what: string, task: () => unknown): void {
  try {
    void Promise.resolve(task()).catch((err: unknown) => log.error(`${what} failed`, describe(err)));
  } catch (err) {
    log.error(`${what} failed`, describe(err));
  }
}

/**
 * The last resort of a long-running process: an error that escaped every owner is logged with its context and the
 * process keeps serving, since one bad answer must not take a bench down. Returns the uninstaller.
 */
export function keepServing(log: Log): () => void {
  const onError = (err: unknown, origin: string) =>
    log.error(`unhandled ${origin}; still serving`, describe(err));
  const onRejection = (reason: unknown) => onError(reason, 'rejection');
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onError);
    process.off('unhandledRejection', onRejection);
  };
}

const describe = (err: unknown) => (err instanceof Error ? (err.stack ?? err.message) : String(err));
