import { createCarriers } from '../carriers';
import { currentEnvironment, loadConfig, type Config } from '../config';
import type { Log } from '../log';
import type { Repos, Warehouse } from '../store';
import { composeFeeds, shopeeTokenStore } from '../station';
import { withStore } from './store';
import { withWarehouse } from './reach';

export type Desks = ReturnType<typeof composeFeeds> & { config: Config };

/** The feeds and tracking a command runs, over a bench's SQLite or a warehouse's PostgreSQL (no bench here). */
export function desksOver(
  config: Config,
  repos: Repos | null,
  w: Warehouse | null,
  runner: string,
  log: Log,
): Desks {
  const tokens = shopeeTokenStore(repos, w);
  const carriers = createCarriers(config, repos?.waybillPool ?? null, (m) => log.warn(m), tokens);
  return {
    ...composeFeeds({
      config,
      carriers,
      shopeeTokens: tokens,
      warehouse: w,
      repos,
      runner,
      log,
      now: () => new Date(),
    }),
    config,
  };
}

/**
 * Runs `fn` with the feeds and tracking of the config's bench: in warehouse mode against the warehouse (once for every
 * bench, no bench database needed), else against the bench's database under its lock.
 */
export function withDesks<T>(
  configFlag: string | undefined,
  what: string,
  log: Log,
  fn: (d: Desks) => Promise<T>,
): Promise<T> {
  const { config } = loadConfig(configFlag, currentEnvironment());
  const runner = `cli ${config.station.id}`;
  if (config.warehouse)
    return withWarehouse(configFlag, what, (w) => fn(desksOver(config, null, w, runner, log)));
  return withStore(configFlag, (store) => fn(desksOver(config, store.repos, null, runner, log)), {
    lock: `packbench ${what}`,
  });
}
