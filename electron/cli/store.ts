import { currentEnvironment, loadConfig } from '../config';
import { loadDemoData } from '../intake';
import { silentLog } from '../log';
import { lockDatabase, openStore, type DatabaseLock, type Store } from '../store';
import { exitWith } from './fail';

export interface StoreUse {
  /**
   * Who takes the station's lock while the command runs: commands that book, print, import or otherwise write what a
   * running station owns. Read-only commands leave it out and work beside a running station.
   */
  lock?: string;
}

/**
 * Opens the database the station would use (same config lookup), for one command. A bench on the embedded default
 * gets its demo data here too, so the documented demo orders and users are there before the first `serve`.
 */
export function withStore<T>(
  configFlag: string | undefined,
  fn: (store: Store) => T | Promise<T>,
  use: StoreUse = {},
): Promise<T> {
  let store: Store;
  let lock: DatabaseLock | null = null;
  try {
    const loaded = loadConfig(configFlag, currentEnvironment());
    if (use.lock) lock = lockDatabase(loaded.databasePath, use.lock);
    try {
      // Read-only commands read the schema only: they run beside a bench, whose own start checks the file.
      store = openStore(loaded.databasePath, { integrity: use.lock ? 'auto' : 'header' });
      if (loaded.config.demoData) loadDemoData(store.repos, silentLog, { pool: !loaded.config.warehouse });
    } catch (err) {
      lock?.release();
      throw err;
    }
  } catch (err) {
    exitWith(err);
  }
  return Promise.resolve()
    .then(() => fn(store))
    .finally(() => {
      store.close();
      lock?.release();
    });
}
