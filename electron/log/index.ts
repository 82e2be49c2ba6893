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
