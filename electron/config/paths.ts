import { homedir } from 'node:os';
import { join, win32 } from 'node:path';

export interface Environment {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
  /** The program running: the installed app's exe, or Node for `npx packbench`. */
  execPath?: string;
}

export const currentEnvironment = (): Environment => ({
  platform: process.platform,
  env: process.env,
  home: homedir(),
  execPath: process.execPath,
});

/**
 * Whether this is the app installed for all users (the NSIS installer is per machine): Packbench.exe under a Program
 * Files folder. Node itself (`npx packbench`, even from Program Files\nodejs) and a per-user install are not.
 */
export function perMachineInstall({ platform, env, execPath }: Environment): boolean {
  if (platform !== 'win32' || !execPath || win32.basename(execPath).toLowerCase() !== 'packbench.exe')
    return false;
  const exe = win32.normalize(execPath).toLowerCase();
  return [env.ProgramFiles, env.ProgramW6432, env['ProgramFiles(x86)']]
    .filter((d): d is string => !!d)
    .some((d) => exe.startsWith(win32.normalize(d).toLowerCase().replace(/\\?$/, '\\')));
}

/**
 * Where the bench's database lives by default: one folder per machine for the installed app
 * (%ProgramData%\Packbench\data, which the installer lets every local user write), so the morning and evening
 * shifts' Windows accounts share one database; the user's own folder otherwise. PACKBENCH_HOME overrides both.
 */
export function dataDir(e: Environment): string {
  if (!e.env.PACKBENCH_HOME && perMachineInstall(e))
    return join(e.env.ProgramData ?? e.env.PROGRAMDATA ?? 'C:\\ProgramData', 'Packbench', 'data');
  return userDataDir(e);
}

/**
 * The same folder Electron's app.getPath('userData') gives for productName "Packbench", so the headless station and
 * the desktop app share one database. PACKBENCH_HOME overrides it (tests, portable installs).
 */
export function userDataDir({ platform, env, home }: Environment): string {
  if (env.PACKBENCH_HOME) return env.PACKBENCH_HOME;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Packbench');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Packbench');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Packbench');
}

/** Machine-wide config that IT manages: %ProgramData%\Packbench on Windows, /etc/packbench elsewhere. */
export function machineConfigPath({ platform, env }: Environment): string {
  if (platform === 'win32')
    return join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'Packbench', 'config.json');
  return '/etc/packbench/config.json';
}

export const userConfigPath = (e: Environment): string => join(userDataDir(e), 'config.json');
