import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The app's resources folder (fonts, sounds, demo data): PACKBENCH_RESOURCES, then the installed app's
 * (process.resourcesPath/resources), then the nearest `resources/` above this code (repo or built out/).
 */
export function resourcesDir(): string {
  if (process.env.PACKBENCH_RESOURCES) return process.env.PACKBENCH_RESOURCES;
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(join(packaged, 'resources', 'fonts'))) return join(packaged, 'resources');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'resources', 'fonts'))) return join(dir, 'resources');
    dir = dirname(dir);
  }
  throw new Error('resources folder (fonts) not found; set PACKBENCH_RESOURCES');
}
