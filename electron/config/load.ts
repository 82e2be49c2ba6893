import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { describeIssues, type ConfigSource } from '../../shared/contract';
import { ConfigSchema, type Config } from './schema';
import { dataDir, machineConfigPath, userConfigPath, userDataDir, type Environment } from './paths';

/** The embedded default: demo data, and the demo flyer (品牌宣传页) in every box of the 旗舰店 shop. */
export const EMBEDDED_DEFAULT = {
  demoData: true,
  inserts: [
    {
      id: 'brand-flyer',
      name: '品牌宣传页 brand flyer',
      barcode: '6900012347039',
      weightG: 5,
      whenShop: '旗舰店',
    },
  ],
};

export class ConfigError extends Error {
  constructor(
    readonly file: string | null,
    readonly problems: string[],
  ) {
    super(`${file ?? 'embedded default config'}: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadedConfig {
  config: Config;
  source: ConfigSource;
  /** Resolved absolute database file. */
  databasePath: string;
}

/**
 * Where handover manifests go: `handover.manifestDir` (relative to the config file), else `manifests/` beside the
 * database. The station and the command line both ask here, so they write to the same folder.
 */
export function manifestDirOf(loaded: LoadedConfig): string {
  const dir = loaded.config.handover?.manifestDir;
  return dir
    ? resolve(dirname(loaded.source.path ?? loaded.databasePath), dir)
    : join(dirname(loaded.databasePath), 'manifests');
}

/** Where a config is looked for, first match wins: --config, PACKBENCH_CONFIG, machine-wide, the user's. */
export function configCandidates(
  flagPath: string | undefined,
  e: Environment,
): { kind: ConfigSource['kind']; path: string }[] {
  const list: { kind: ConfigSource['kind']; path: string }[] = [];
  if (flagPath) list.push({ kind: 'flag', path: resolve(flagPath) });
  if (e.env.PACKBENCH_CONFIG) list.push({ kind: 'env', path: resolve(e.env.PACKBENCH_CONFIG) });
  list.push({ kind: 'machine', path: machineConfigPath(e) });
  list.push({ kind: 'user', path: userConfigPath(e) });
  return list;
}

/** Parse one config text; every problem is named by its JSON path. */
export function parseConfig(text: string, file: string | null): Config {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ConfigError(file, [`(root): not valid JSON: ${(err as Error).message}`]);
  }
  const parsed = ConfigSchema.safeParse(json);
  if (!parsed.success) throw new ConfigError(file, describeIssues(parsed.error));
  return parsed.data;
}

export function readConfigFile(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(path, [
      `(file): cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    ]);
  }
  return parseConfig(text, path);
}

/**
 * The effective config. An explicitly named file (flag or env) must exist; machine and user files are optional; with
 * none, the embedded default: virtual scale, PDF file printer, waybill pool and demo data.
 */
export function loadConfig(flagPath: string | undefined, e: Environment): LoadedConfig {
  for (const candidate of configCandidates(flagPath, e)) {
    const explicit = candidate.kind === 'flag' || candidate.kind === 'env';
    if (!explicit && !existsSync(candidate.path)) continue;
    const config = readConfigFile(candidate.path);
    return { config, source: candidate, databasePath: databasePathFor(config, dirname(candidate.path), e) };
  }
  const config = ConfigSchema.parse(EMBEDDED_DEFAULT);
  return {
    config,
    source: { kind: 'default', path: null },
    databasePath: databasePathFor(config, userDataDir(e), e),
  };
}

function databasePathFor(config: Config, baseDir: string, e: Environment): string {
  const p = config.database.path;
  if (p) return isAbsolute(p) ? p : resolve(baseDir, p);
  // Never split silently: a per-machine install that finds only a Windows user's older database says so and stops.
  const adopt = databaseToAdopt(e);
  if (adopt)
    throw new ConfigError(null, [
      `database: this bench's database is still in a Windows user's folder (${adopt.from}); an installed bench keeps ` +
        `one database for every user in ${dirname(adopt.to)}. A lead moves it there with ` +
        `"packbench db adopt --lead NAME --pin PIN" (then start the bench again).`,
    ]);
  return join(dataDir(e), 'packbench.db');
}

/** The default database of a per-machine install, and a Windows user's older one it has not taken over yet. */
export function databaseToAdopt(e: Environment): { from: string; to: string } | null {
  const to = join(dataDir(e), 'packbench.db');
  const from = join(userDataDir(e), 'packbench.db');
  return to !== from && !existsSync(to) && existsSync(from) ? { from, to } : null;
}

/** How a bench reaches the warehouse's PostgreSQL: its URL, with the password and CA read where the config says. */
export function warehouseConnectionOf(
  loaded: LoadedConfig,
  env: Record<string, string | undefined>,
  purpose: string,
): {
  url: string;
  tls: 'disable' | 'require' | 'verify-full';
  ca?: string;
  password?: string;
  applicationName: string;
} | null {
  const w = loaded.config.warehouse;
  if (!w) return null;
  const base = dirname(loaded.source.path ?? loaded.databasePath);
  const read = (file: string, what: string) => {
    try {
      return readFileSync(resolve(base, file), 'utf8');
    } catch (err) {
      throw new ConfigError(loaded.source.path, [
        `warehouse.${what}: cannot read ${file}: ${(err as Error).message}`,
      ]);
    }
  };
  const password = w.passwordFile ? read(w.passwordFile, 'passwordFile').trim() : env.PGPASSWORD;
  return {
    url: w.postgresUrl,
    tls: w.tls,
    ...(w.ca ? { ca: read(w.ca, 'ca') } : {}),
    ...(password !== undefined ? { password } : {}),
    applicationName: `packbench ${loaded.config.station.id} ${purpose}`,
  };
}
