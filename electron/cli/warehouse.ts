import type { Command } from 'commander';
import { currentEnvironment, loadConfig } from '../config';
import { consoleLog, type Log } from '../log';
import { startHooksServer } from '../server';
import { deliver, hooksOf, retryDelayMs } from '../station';
import { desksOver, type Desks } from './desks';
import { withWarehouse } from './reach';
import { CliError } from './fail';
import { table } from './table';

/** `--once`: each feed and the tracking round whose turn is due, one after another; a refusal is said, not fatal. */
async function runDueOnce(desks: Desks, log: Log): Promise<void> {
  const say = async (run: () => Promise<unknown>) => {
    try {
      return await run();
    } catch (err) {
      log.warn((err as Error).message);
      return null;
    }
  };
  for (const r of ((await say(() => desks.feeds.runDue())) ?? []) as { feed: string; report: unknown }[])
    console.log(`feed ${r.feed}: ${JSON.stringify(r.report)}`);
  const round = await say(() => desks.tracking.pollDue());
  if (round) console.log(`tracking: ${JSON.stringify(round)}`);
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
    .description(
      'run the warehouse-wide jobs without a bench until stopped (Ctrl+C): ship notices, order feeds, tracking, and with --hooks the push endpoints',
    )
    .option('-c, --config <file>', 'config file')
    .option('--once', 'run what is due, then exit')
    .option('--hooks <host:port>', 'serve the order and tracking pushes (POST /hooks/...) on this address')
    .action(async (o: { config?: string; once?: boolean; hooks?: string }) => {
      const loaded = loadConfig(o.config, currentEnvironment());
      const { config } = loaded;
      const hooksAt = o.hooks ? /^(.+):(\d{1,5})$/.exec(o.hooks) : null;
      if (o.hooks && !hooksAt) throw new CliError(`--hooks ${o.hooks}: give HOST:PORT, e.g. 0.0.0.0:8443`);
      const target = config.notify;
      const polls = config.feeds.orders.some((f) => f.url) || config.platforms.shopee !== undefined;
      if (!target && !polls && !hooksAt)
        throw new CliError(
          'nothing to run: no notify.url, no feeds.orders with a url, no platforms.shopee and no --hooks',
        );
      const id = config.station.id;
      const log = consoleLog(`worker ${id}`);
      await withWarehouse(o.config, 'worker', async (w) => {
        let stop = false;
        const onSignal = () => (stop = true);
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        const desks = desksOver(config, null, w, `worker ${id}`, log);
        const hooks = hooksAt
          ? await startHooksServer({
              host: hooksAt[1]!,
              port: Number(hooksAt[2]),
              feeds: hooksOf(desks.feeds, desks.tracking, config),
              log,
            })
          : null;
        console.log(
          `warehouse worker ${id}: ${[
            target ? `ship notices to ${target.url}` : null,
            polls ? 'order feeds' : null,
            'tracking',
            hooks ? `order hooks at ${hooks.url}/hooks/orders/FEED` : null,
          ]
            .filter(Boolean)
            .join(', ')}`,
        );
        if (o.once) await runDueOnce(desks, log);
        else {
          desks.feeds.start();
          desks.tracking.start();
        }
        let sent = 0;
        try {
          while (!stop) {
            const job = target ? await w.takeJob(`worker ${id}`) : null;
            if (!job) {
              if (o.once) break;
              await new Promise((r) => setTimeout(r, 500));
              continue;
            }
            const error = await deliver(target!, job);
            await w.finishJob(job.id, error, retryDelayMs(job.attempts - 1));
            if (error) console.error(`${job.idempotency_key}: not delivered (${error}), retried later`);
            else sent++;
          }
        } finally {
          desks.feeds.stop();
          desks.tracking.stop();
          await hooks?.close();
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
