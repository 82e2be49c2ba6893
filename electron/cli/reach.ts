import { currentEnvironment, loadConfig, warehouseConnectionOf } from '../config';
import { Warehouse } from '../store';
import { CliError } from './fail';

/** A warehouse that failed a command, in one line that names it (without its password). */
export function warehouseFailure(url: string, err: unknown): CliError {
  const e = err as Error & { code?: string };
  const where = url.replace(/\/\/[^@]*@/, '//');
  return new CliError(
    `warehouse ${where}: ${e.code === 'ECONNREFUSED' ? 'nothing answers there' : e.message}`,
    1,
    {
      cause: err,
    },
  );
}

/** The warehouse the config names, for one command; a connection failure is said in one line. */
export async function withWarehouse<T>(
  configFlag: string | undefined,
  what: string,
  fn: (w: Warehouse) => Promise<T>,
) {
  const loaded = loadConfig(configFlag, currentEnvironment());
  const c = warehouseConnectionOf(loaded, process.env, what);
  if (!c) throw new CliError('this bench has no warehouse: set warehouse.postgresUrl in its config');
  const w = new Warehouse({ ...c, max: 1 });
  try {
    return await fn(w);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw warehouseFailure(c.url, err);
  } finally {
    await w.close();
  }
}
