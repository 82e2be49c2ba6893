import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Environment {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
}

export const currentEnvironment = (): Environment => ({
  platform: process.platform,
  env: process.env,
  home: homedir(),
});

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
