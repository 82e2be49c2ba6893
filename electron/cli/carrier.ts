import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { createCarriers, type CarrierAdapter, type ShipmentRequest } from '../carriers';
import { currentEnvironment, loadConfig, manifestDirOf, type Config } from '../config';
import { ContractError } from '../../shared/contract';
import type { Repos, Store } from '../store';
import { Handovers } from '../station';
import { withStore } from './store';
import { withWarehouse } from './warehouse';
import { bookParcel } from './booking';
import { fail } from './fail';
import { isoDate, wholeNumber } from './args';
import { table } from './table';

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

  const handover = program
    .command('handover')
    .description('交接: load boxes onto a carrier batch, close with a manifest');
  const desk = (
    o: { config?: string; json?: boolean },
    fn: (h: Handovers) => unknown,
    use: { lock?: string } = {},
  ): Promise<void> => {
    const loaded = loadConfig(o.config, currentEnvironment());
    return withStore(
      o.config,
      async (store) => {
        const carriers = Object.keys(createCarriers(loaded.config, store.repos.waybillPool, () => undefined));
        const h = new Handovers(
          store.repos,
          loaded.config.station.id,
          manifestDirOf(loaded),
          () => new Date(),
          carriers,
        );
        try {
          await fn(h);
        } catch (err) {
          if (err instanceof ContractError) fail(err.message);
          throw err;
        }
      },
      use,
    );
  };
  handover
    .command('open')
    .description('open the batch for a carrier (one open batch per bench)')
    .requiredOption('--carrier <name>', 'a carrier set up at this bench')
    .option('-c, --config <file>', 'config file')
    .option('--json', 'JSON output')
    .action((o: { carrier: string; config?: string; json?: boolean }) =>
      desk(
        o,
        (h) => {
          const id = h.open(o.carrier, null);
          out(o.json, { id, carrier: o.carrier }, `batch ${id} open for ${o.carrier}`);
        },
        { lock: 'packbench handover open' },
      ),
    );
  handover
    .command('scan')
    .description('load a closed box onto the open batch by its waybill')
    .argument('<waybill>', 'the waybill number on the label')
    .option('-c, --config <file>', 'config file')
    .option('--json', 'JSON output')
    .action((code: string, o: { config?: string; json?: boolean }) =>
      desk(
        o,
        (h) => {
          const r = h.scan(code);
          out(o.json, r, handoverScanText(r));
          if (r.result !== 'added') process.exitCode = 1;
        },
        { lock: 'packbench handover scan' },
      ),
    );
  handover
    .command('close')
    .description('close the open batch and write its manifest (PDF and CSV) to handover.manifestDir')
    .option('-c, --config <file>', 'config file')
    .option('--json', 'JSON output')
    .action((o: { config?: string; json?: boolean }) =>
      desk(
        o,
        async (h) => {
          const r = await h.close(null);
          out(o.json, r, `batch ${r.id} for ${r.carrier} closed: ${r.count} boxes\n  ${r.pdf}\n  ${r.csv}`);
        },
        { lock: 'packbench handover close' },
      ),
    );
  const today = () => new Date().toISOString().slice(0, 10);
  handover
    .command('daily')
    .description('boxes handed over per day and carrier')
    .option('--from <date>', 'first day, YYYY-MM-DD (default: today)')
    .option('--to <date>', 'last day, YYYY-MM-DD (default: today)')
    .option('-c, --config <file>', 'config file')
    .option('--json', 'JSON output')
    .action((o: { from?: string; to?: string; config?: string; json?: boolean }) => {
      const from = isoDate('--from', o.from ?? today());
      const to = isoDate('--to', o.to ?? today());
      if (from > to) fail(`--from ${from} is after --to ${to}`);
      return desk(o, (h) => {
        const rows = h.daily(from, to);
        out(
          o.json,
          rows,
          rows.length === 0
            ? `no boxes handed over from ${from} to ${to}`
            : table(
                ['day', 'carrier', 'boxes', 'weight kg'],
                rows.map((r) => [r.day, r.carrier, String(r.boxes), (r.weightG / 1000).toFixed(3)]),
              ),
        );
      });
    });
}

function handoverScanText(r: ReturnType<Handovers['scan']>): string {
  switch (r.result) {
    case 'added':
      return `loaded ${r.line.waybillNo} (order ${r.line.orderNo}): ${r.count} on the batch`;
    case 'other-carrier':
      return `not loaded: this box goes with ${r.carrier}`;
    case 'unlabelled':
      return `not loaded: ${r.code} is not the waybill of a booked box`;
    case 'not-closed':
      return `not loaded: order ${r.orderNo} is not closed yet (scan its label at the bench first)`;
    case 'duplicate':
      return `not loaded: already on batch ${r.batchId}`;
  }
}
