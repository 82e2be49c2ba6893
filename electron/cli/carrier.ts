import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { createCarriers, PoolAdapter, type CarrierAdapter, type ShipmentRequest } from '../carriers';
import { currentEnvironment, loadConfig, type Config } from '../config';
import { createRepos, type Store } from '../store';
import { Handovers } from '../station/handover';
import { withStore } from './store';
import { bookParcel } from './booking';
import { fail } from './fail';
import { wholeNumber } from './args';
import { dirname, join } from 'node:path';

/** The named carrier's adapter, or a plain refusal. */
function adapterFor(config: Config, db: Database, name: string): CarrierAdapter {
  return (
    createCarriers(config, db, (m) => console.error(m))[name] ?? fail(`carrier ${name} is not configured`)
  );
}

/** The bench's database and the named carrier's adapter, for one command. */
function withCarrier(
  o: { carrier: string; config?: string },
  fn: (adapter: CarrierAdapter, store: Store) => Promise<void>,
): Promise<void> {
  const { config } = loadConfig(o.config, currentEnvironment());
  return withStore(o.config, (store) => fn(adapterFor(config, store.db, o.carrier), store));
}

const out = (json: boolean | undefined, value: unknown, text: string) =>
  console.log(json ? JSON.stringify(value, null, 2) : text);

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
            const repos = createRepos(store.db);
            const adapter = adapterFor(config, store.db, o.carrier);
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
      await withCarrier(o, async (adapter, store) => {
        const repos = createRepos(store.db);
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
      });
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
        const t = await adapter.track(o.waybill);
        out(o.json, t, `${t.state}\n${t.events.map((e) => `  ${e.at}  ${e.text}`).join('\n')}`);
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
      const numbers = readFileSync(file, 'utf8')
        .split(/\r?\n/)
        .map((l) => l.split(/[,\t]/)[0]!.trim())
        .filter((n) => /^[A-Za-z0-9-]{6,40}$/.test(n));
      await withStore(o.config, (store) => {
        const r = PoolAdapter.import(
          store.db,
          o.name ?? config.carriers.pool?.carrierName ?? 'demo',
          numbers,
        );
        console.log(`added ${r.added} numbers, ${r.skipped} already known`);
      });
    });

  const handover = program
    .command('handover')
    .description('交接: load boxes onto a carrier batch, close with a manifest');
  const desk = async (configFlag: string | undefined, fn: (h: Handovers) => unknown): Promise<void> => {
    const loaded = loadConfig(configFlag, currentEnvironment());
    await withStore(configFlag, (store) =>
      fn(
        new Handovers(
          store.db,
          loaded.config.station.id,
          join(dirname(loaded.databasePath), 'manifests'),
          () => new Date(),
        ),
      ),
    );
  };
  handover
    .command('open')
    .requiredOption('--carrier <name>')
    .option('-c, --config <file>')
    .action((o: { carrier: string; config?: string }) =>
      desk(o.config, (h) => console.log(`batch ${h.open(o.carrier, null)} open for ${o.carrier}`)),
    );
  handover
    .command('scan')
    .argument('<waybill>')
    .option('-c, --config <file>')
    .action((code: string, o: { config?: string }) =>
      desk(o.config, (h) => {
        const r = h.scan(code);
        console.log(JSON.stringify(r));
        if (r.result !== 'added') process.exitCode = 1;
      }),
    );
  handover
    .command('close')
    .option('-c, --config <file>')
    .action((o: { config?: string }) =>
      desk(o.config, async (h) => console.log(JSON.stringify(await h.close(null)))),
    );
  handover
    .command('daily')
    .option('--from <date>', 'YYYY-MM-DD', new Date().toISOString().slice(0, 10))
    .option('--to <date>', 'YYYY-MM-DD', new Date().toISOString().slice(0, 10))
    .option('-c, --config <file>')
    .action((o: { from: string; to: string; config?: string }) =>
      desk(o.config, (h) => console.table(h.daily(o.from, o.to))),
    );
}
