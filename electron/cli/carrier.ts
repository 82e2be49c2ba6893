import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { createCarriers, type CarrierAdapter, type ShipmentRequest } from '../carriers';
import { currentEnvironment, loadConfig, type Config } from '../config';
import type { Repos, Store } from '../store';
import { withStore } from './store';
import { withWarehouse } from './reach';
import { bookParcel } from './booking';
import { fail } from './fail';
import { wholeNumber } from './args';
import { out } from './table';

/** The named carrier's adapter, or a plain refusal. */
function adapterFor(config: Config, repos: Repos, name: string): CarrierAdapter {
  return (
    createCarriers(config, repos.waybillPool, (m) => console.error(m))[name] ??
    fail(`carrier ${name} is not configured`)
  );
}

/** The bench's database and the named carrier's adapter, for one command. */
function withCarrier(
  o: { carrier: string; config?: string },
  fn: (adapter: CarrierAdapter, store: Store) => Promise<void>,
  use: { lock?: string } = {},
): Promise<void> {
  const { config } = loadConfig(o.config, currentEnvironment());
  return withStore(o.config, (store) => fn(adapterFor(config, store.repos, o.carrier), store), use);
}

export function registerCarrier(program: Command): void {
  const carrier = program
    .command('carrier')
    .description('carrier bookings (IT and tests; packers book from the Pack page)');
  carrier
    .command('book')
    .description(
      'book one parcel of an order outside a pack session; the key (order + parcel) is written before the call, so a rerun resolves the earlier call',
    )
    .requiredOption('--carrier <name>', 'pool | kdniao | sf | shipengine')
    .requiredOption('--order <no>', 'order number')
    .option('--parcel <n>', 'which parcel of the order (a second parcel needs 2)', '1')
    .option('--weight-grams <n>', 'parcel weight', '1000')
    .option('-c, --config <file>', 'config file')
    .option('--json', 'JSON output')
    .action(
      async (o: {
        carrier: string;
        order: string;
        parcel: string;
        weightGrams: string;
        config?: string;
        json?: boolean;
      }) => {
        const parcel = wholeNumber('--parcel', o.parcel, 1, 99);
        const weightG = wholeNumber('--weight-grams', o.weightGrams, 1, 1_000_000);
        const { config } = loadConfig(o.config, currentEnvironment());
        await withStore(
          o.config,
          async (store) => {
            const repos = store.repos;
            const adapter = adapterFor(config, store.repos, o.carrier);
            const found = repos.orders.findByCode(o.order);
            if (!found) fail(`no order ${o.order}`);
            const r = await bookParcel({
              repos,
              adapter,
              config,
              order: found.order,
              carrier: o.carrier,
              parcel,
              weightG,
            });
            out(o.json, r, r.text);
            if (r.kind !== 'booked') process.exitCode = 1;
          },
          { lock: 'packbench carrier book' },
        );
      },
    );

  carrier
    .command('cancel')
    .description('cancel a booking at the carrier')
    .requiredOption('--carrier <name>', 'carrier')
    .requiredOption('--waybill <no>', 'waybill number')
    .option('-c, --config <file>', 'config file')
    .option('--json', 'JSON output')
    .action(async (o: { carrier: string; waybill: string; config?: string; json?: boolean }) => {
      await withCarrier(
        o,
        async (adapter, store) => {
          const repos = store.repos;
          const row = repos.shipments.byWaybill(o.waybill);
          const ref = row?.response ? (JSON.parse(row.response) as { carrierRef?: string }).carrierRef : null;
          const r = await adapter.cancel(
            o.waybill,
            row ? (JSON.parse(row.request) as ShipmentRequest) : null,
            ref,
          );
          if (r.ok && row) repos.shipments.result(row.id, { status: 'cancelled' }, new Date().toISOString());
          out(o.json, r, `${r.ok ? 'cancelled' : 'not cancelled'}: ${r.message}`);
          if (!r.ok) process.exitCode = 1;
        },
        { lock: 'packbench carrier cancel' },
      );
    });

  carrier
    .command('track')
    .description('where a parcel is')
    .requiredOption('--carrier <name>', 'carrier')
    .requiredOption('--waybill <no>', 'waybill number')
    .option('-c, --config <file>', 'config file')
    .option('--json', 'JSON output')
    .action(async (o: { carrier: string; waybill: string; config?: string; json?: boolean }) => {
      await withCarrier(o, async (adapter) => {
        if (adapter.name === 'pool')
          fail(
            `the waybill pool has no tracking: track ${o.waybill} with the carrier whose numbers the pool holds`,
          );
        const t = await adapter.track(o.waybill);
        out(
          o.json,
          t,
          t.events.length === 0
            ? `${o.waybill}: ${t.state}, no tracking events yet`
            : [`${o.waybill}: ${t.state}`, ...t.events.map((e) => `  ${e.at}  ${e.text}`)].join('\n'),
        );
      });
    });

  carrier
    .command('test')
    .description('prove the endpoint and credentials with a harmless call')
    .requiredOption('--carrier <name>', 'carrier')
    .option('-c, --config <file>', 'config file')
    .option('--json', 'JSON output')
    .action(async (o: { carrier: string; config?: string; json?: boolean }) => {
      await withCarrier(o, async (adapter) => {
        try {
          const message = await adapter.test();
          out(o.json, { ok: true, message }, `ok: ${message}`);
        } catch (e) {
          out(o.json, { ok: false, message: (e as Error).message }, `failed: ${(e as Error).message}`);
          process.exitCode = 1;
        }
      });
    });

  carrier
    .command('pool-import')
    .description(
      "import offline waybill numbers from the carrier's file (one per line, or the first CSV column)",
    )
    .argument('<file>', 'file')
    .option('--name <carrier>', 'pool carrier name (carriers.pool.carrierName)')
    .option('-c, --config <file>', 'config file')
    .action(async (file: string, o: { name?: string; config?: string }) => {
      const { config } = loadConfig(o.config, currentEnvironment());
      const cells = readFileSync(file, 'utf8')
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)
        .map((l) =>
          l
            .split(/[,\t]/)[0]!
            .trim()
            .replace(/^"(.*)"$/, '$1'),
        )
        .filter((n) => n !== '');
      // A waybill number has digits: a header such as "waybill" or "运单号" is not one.
      const numbers = cells.filter((n) => /^(?=.*\d)[A-Za-z0-9-]{6,40}$/.test(n));
      const other = cells.filter((n) => !numbers.includes(n));
      if (numbers.length === 0)
        fail(`${file} has no waybill numbers (one per line, or the first CSV column)`);
      const carrierName = o.name ?? config.carriers.pool?.carrierName ?? 'demo';
      const say = (r: { added: number; skipped: number }, where: string) =>
        console.log(
          `added ${r.added} numbers${where}, ${r.skipped} already known` +
            (other.length > 0
              ? `, ${other.length} lines that are not waybill numbers left out (${other
                  .slice(0, 3)
                  .map((n) => JSON.stringify(n))
                  .join(', ')})`
              : ''),
        );
      // In a warehouse the pool is the warehouse's: benches lease from it, so no number goes to two benches.
      if (config.warehouse)
        return say(
          await withWarehouse(o.config, 'pool-import', (w) => w.importPool(carrierName, numbers)),
          ' to the warehouse pool',
        );
      await withStore(
        o.config,
        (store) => say(store.repos.waybillPool.add(carrierName, numbers, new Date().toISOString()), ''),
        { lock: 'packbench carrier pool-import' },
      );
    });
}
