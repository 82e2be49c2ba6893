import type { Command } from 'commander';
import { currentEnvironment, loadConfig, warehouseConnectionOf } from '../config';
import { Warehouse } from '../store';
import { deliver, retryDelayMs } from '../station';
import { CliError } from './fail';
import { table } from './table';

/** The warehouse the config names, for one command; a connection failure is said in one line. */
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

const ago = (iso: string) => `${Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000))} s ago`;

export function registerWarehouse(program: Command): void {
  const wh = program
    .command('warehouse')
    .description('the shared PostgreSQL of a warehouse (warehouse mode)');
  wh.command('migrate')
    .description('create or update the warehouse schema (safe to run again: a second run changes nothing)')
    .option('-c, --config <file>', 'config file')
    .action(async (o: { config?: string }) => {
      const { from, to } = await withWarehouse(o.config, 'migrate', (w) => w.migrate());
      console.log(
        from === to ? `warehouse schema is current (version ${to})` : `warehouse schema ${from} -> ${to}`,
      );
    });
  wh.command('status')
    .description('schema version and the benches seen: last seen, replication lag, open claims')
    .option('-c, --config <file>', 'config file')
    .option('--json', 'JSON output')
    .action(async (o: { config?: string; json?: boolean }) => {
      const { version, benches } = await withWarehouse(o.config, 'status', async (w) => ({
        version: await w.assertKnownVersion(),
        benches: await w.benches(),
      }));
      if (o.json) return console.log(JSON.stringify({ schemaVersion: version, benches }, null, 2));
      console.log(`warehouse schema version ${version}, ${benches.length} benches`);
      if (benches.length > 0)
        console.log(
          table(
            ['bench', 'last seen', 'lag (events)', 'open claims', 'packer', 'order'],
            benches.map((b) => [
              b.id,
              ago(b.lastSeen),
              String(b.lagEvents),
              String(b.openClaims),
              b.packer ?? '-',
              b.orderNo ?? '-',
            ]),
          ),
        );
    });
  wh.command('worker')
    .description('run the warehouse-wide jobs (ship notices) without a bench, until stopped (Ctrl+C)')
    .option('-c, --config <file>', 'config file')
    .option('--once', 'run what is due, then exit')
    .action(async (o: { config?: string; once?: boolean }) => {
      const loaded = loadConfig(o.config, currentEnvironment());
      const target = loaded.config.notify;
      if (!target)
        throw new CliError('no notify.url in the config: the worker would have nothing to send to');
      await withWarehouse(o.config, 'worker', async (w) => {
        let stop = false;
        const onSignal = () => (stop = true);
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        console.log(`warehouse worker ${loaded.config.station.id}: sending ship notices to ${target.url}`);
        let sent = 0;
        while (!stop) {
          const job = await w.takeJob(`worker ${loaded.config.station.id}`);
          if (!job) {
            if (o.once) break;
            await new Promise((r) => setTimeout(r, 500));
            continue;
          }
          const error = await deliver(target, job);
          await w.finishJob(job.id, error, retryDelayMs(job.attempts - 1));
          if (error) console.error(`${job.idempotency_key}: not delivered (${error}), retried later`);
          else sent++;
        }
        console.log(`${sent} sent`);
      });
    });
  wh.command('release')
    .description("release an order's claim left by a bench that died with it open (a lead's job)")
    .argument('<order>', 'order number')
    .option('-c, --config <file>', 'config file')
    .action(async (order: string, o: { config?: string }) => {
      const released = await withWarehouse(o.config, 'release', (w) => w.release(order));
      if (!released) throw new CliError(`order ${order} has no claim`);
      console.log(`order ${order} released: any bench may pack it now`);
    });
}
