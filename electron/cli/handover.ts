import type { Command } from 'commander';
import { createCarriers } from '../carriers';
import { currentEnvironment, loadConfig, manifestDirOf, warehouseConnectionOf } from '../config';
import { ContractError } from '../../shared/contract';
import { Warehouse } from '../store';
import { Handovers, WarehouseHandovers, type Dock, type HandoverScan } from '../station';
import { withStore } from './store';
import { fail } from './fail';
import { isoDate } from './args';
import { out, table } from './table';
import { warehouseFailure } from './reach';

/** 交接 from the command line: this bench's batch on a single bench, the shared dock in a warehouse. */
export function registerHandover(program: Command): void {
  const handover = program
    .command('handover')
    .description('交接: load boxes onto a carrier batch, close with a manifest');
  const desk = (
    o: { config?: string; json?: boolean },
    fn: (h: Dock) => unknown,
    use: { lock?: string } = {},
  ): Promise<void> => {
    const loaded = loadConfig(o.config, currentEnvironment());
    const refused = (err: unknown) => {
      if (err instanceof ContractError) fail(err.message);
      throw err;
    };
    const wc = warehouseConnectionOf(loaded, process.env, 'handover');
    return withStore(
      o.config,
      async (store) => {
        const carriers = Object.keys(createCarriers(loaded.config, store.repos.waybillPool, () => undefined));
        const [station, dir, now] = [loaded.config.station.id, manifestDirOf(loaded), () => new Date()];
        if (!wc)
          return Promise.resolve(fn(new Handovers(store.repos, station, dir, now, carriers))).then(
            undefined,
            refused,
          );
        // A warehouse: the shared dock in PostgreSQL, every bench's boxes.
        const w = new Warehouse({ ...wc, max: 1 });
        const reach = async <T>(call: (x: Warehouse) => Promise<T>): Promise<T> => {
          try {
            return await call(w);
          } catch (err) {
            throw err instanceof ContractError ? err : warehouseFailure(wc.url, err);
          }
        };
        const dock = new WarehouseHandovers({
          reach,
          bench: station,
          manifestDir: dir,
          now,
          carriers,
          tell: () => undefined,
          failed: () => undefined,
        });
        try {
          await Promise.resolve(fn(dock)).then(undefined, refused);
        } finally {
          await w.close();
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
        async (h) => {
          const id = await h.open(o.carrier, null);
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
        async (h) => {
          const r = await h.scan(code);
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
    .description('boxes (cartons) and orders handed over per day and carrier')
    .option('--from <date>', 'first day, YYYY-MM-DD (default: today)')
    .option('--to <date>', 'last day, YYYY-MM-DD (default: today)')
    .option('-c, --config <file>', 'config file')
    .option('--json', 'JSON output')
    .action((o: { from?: string; to?: string; config?: string; json?: boolean }) => {
      const from = isoDate('--from', o.from ?? today());
      const to = isoDate('--to', o.to ?? today());
      if (from > to) fail(`--from ${from} is after --to ${to}`);
      return desk(o, async (h) => {
        const rows = await h.daily(from, to);
        out(
          o.json,
          rows,
          rows.length === 0
            ? `no boxes handed over from ${from} to ${to}`
            : table(
                ['day', 'carrier', 'boxes', 'orders', 'weight kg'],
                rows.map((r) => [
                  r.day,
                  r.carrier,
                  String(r.boxes),
                  String(r.orders),
                  (r.weightG / 1000).toFixed(3),
                ]),
              ),
        );
      });
    });
}

function handoverScanText(r: HandoverScan): string {
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
