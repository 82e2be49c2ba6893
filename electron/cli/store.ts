import { currentEnvironment, loadConfig } from '../config';
import { openStore, type Store } from '../store';
import { exitWith } from './fail';

/** Opens the database the station would use (same config lookup), for one CLI command. */
export function withStore<T>(
  configFlag: string | undefined,
  fn: (store: Store) => T | Promise<T>,
): Promise<T> {
  let store: Store;
  try {
    store = openStore(loadConfig(configFlag, currentEnvironment()).databasePath);
  } catch (err) {
    exitWith(err);
  }
  return Promise.resolve()
    .then(() => fn(store))
    .finally(() => store.close());
}
