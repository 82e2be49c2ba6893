import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import type { ImportReport } from '../../shared/contract';
import { currentEnvironment, loadConfig } from '../config';
import { importFile, ImportError, type Written } from '../intake';
import { writeMismatchesCsv, writeMismatchesXlsx } from '../reports';
import { type Role } from '../store';
import { withStore } from './store';
import { withWarehouse } from './reach';
import { fail } from './fail';
import { isoDate } from './args';
import { table } from './table';

function printReport(r: ImportReport, json: boolean): void {
  if (json) return console.log(JSON.stringify(r, null, 2));
  console.log(`${r.kind}: ${r.rows} rows read (${r.encoding}, preset ${r.preset})`);
  for (const w of r.warnings) console.log(`  line ${w.line}: warning: ${w.reason}`);
  for (const x of r.refused) console.error(`  line ${x.line}: refused: ${x.reason}`);
  console.log(
    r.committed
      ? `imported ${r.imported}, updated ${r.updated}`
      : `nothing imported: fix the ${r.refused.length} refused row(s) and import the file again`,
  );
}

/** In warehouse mode an import is the warehouse's: every bench claims from there. */
async function toWarehouse(configFlag: string | undefined, w: Parameters<Written>[0]): Promise<void> {
  await withWarehouse(configFlag, 'import', async (wh) => {
    if (w.products) await wh.writeProducts(w.products);
    if (w.orders) await wh.writeOrders(w.orders);
  });
}

function registerImport(program: Command, kind: 'orders' | 'products'): void {
  program
    .command(kind)
    .description(`${kind} from CSV (UTF-8 or GBK/GB18030) or XLSX`)
    .command('import')
    .description(`import ${kind}: all rows or none; every refused row is listed with its line number`)
    .argument('<file>', 'CSV or XLSX file')
    .option('-c, --config <file>', 'config file')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: { config?: string; json?: boolean }) => {
      const bytes = readFileSync(file);
      // Warehouse mode: what the bench's cache took goes to the warehouse too, for every bench. A bench alone keeps
      // nothing of the file once it is written (an import of 100 000 lines stays small).
      const warehouse = Boolean(loadConfig(opts.config, currentEnvironment()).config.warehouse);
      let written: Parameters<Written>[0] = {};
      const report = await withStore(
        opts.config,
        async (store) => {
          try {
            const keep: Written | undefined = warehouse ? (w) => (written = w) : undefined;
            return await importFile(store.repos, kind, file, bytes, new Date(), keep);
          } catch (err) {
            if (err instanceof ImportError) fail(`cannot import ${file}: ${err.message}`);
            throw err;
          }
        },
        { lock: `packbench ${kind} import` },
      );
      if (report.committed && warehouse) await toWarehouse(opts.config, written);
      printReport(report, opts.json ?? false);
      if (!report.committed) process.exitCode = 1;
    });
}

export function registerIntake(program: Command): void {
  registerImport(program, 'orders');
  registerImport(program, 'products');

  program
    .command('mismatches')
    .description('the mismatch log')
    .command('export')
    .description('export mismatches to .csv (UTF-8 with BOM, opens in Excel) or .xlsx')
    .requiredOption('--out <file>', 'FILE.csv or FILE.xlsx')
    .option('--from <date>', 'first day, YYYY-MM-DD')
    .option('--to <date>', 'last day (inclusive), YYYY-MM-DD')
    .option('--packer <name>')
    .option('--sku <sku>')
    .option('--type <type>')
    .option('-c, --config <file>', 'config file')
    .action(
      async (opts: {
        out: string;
        from?: string;
        to?: string;
        packer?: string;
        sku?: string;
        type?: string;
        config?: string;
      }) => {
        if (opts.from !== undefined) isoDate('--from', opts.from);
        if (opts.to !== undefined) isoDate('--to', opts.to);
        if (!/\.(csv|xlsx)$/i.test(opts.out)) fail('--out must end in .csv or .xlsx');
        await withStore(opts.config, async (store) => {
          // Streamed: rows go to the file as the database steps through them (a year in constant memory).
          const rows = store.repos.mismatches.each({
            from: opts.from,
            to: opts.to,
            packer: opts.packer,
            sku: opts.sku,
            type: opts.type,
          });
          const tell = (n: number) => process.stderr.write(`\r${n} rows…`);
          const n = /\.xlsx$/i.test(opts.out)
            ? await writeMismatchesXlsx(rows, opts.out, tell)
            : writeMismatchesCsv(rows, opts.out, tell);
          if (n >= 10_000) process.stderr.write('\n');
          console.log(`${n} mismatches -> ${opts.out}`);
        });
      },
    );

  const users = program.command('users').description('packers, leads and admins of this bench');
  users
    .command('add')
    .description('add a user (badge for scan login, PIN hashed with scrypt)')
    .requiredOption('--name <name>')
    .requiredOption('--role <role>', 'packer | lead | admin')
    .option('--badge <code>')
    .option('--pin <digits>', '4–8 digits')
    .option('-c, --config <file>', 'config file')
    .action(async (opts: { name: string; role: string; badge?: string; pin?: string; config?: string }) => {
      if (!['packer', 'lead', 'admin'].includes(opts.role))
        return fail(`--role must be packer, lead or admin`);
      if (opts.pin !== undefined && !/^\d{4,8}$/.test(opts.pin)) return fail('--pin must be 4–8 digits');
      if (opts.badge === undefined && opts.pin === undefined)
        return fail('give --badge, --pin or both: a user with neither could never log in');
      await withStore(
        opts.config,
        (store) => {
          try {
            store.repos.users.add({
              name: opts.name,
              role: opts.role as Role,
              badge: opts.badge ?? null,
              pin: opts.pin ?? null,
            });
          } catch (err) {
            fail(
              /UNIQUE/.test((err as Error).message)
                ? `a user with that name or badge exists`
                : (err as Error).message,
            );
          }
          console.log(`added ${opts.role} ${opts.name}`);
        },
        { lock: 'packbench users add' },
      );
      // In a warehouse a user logs in at every bench.
      const loaded = loadConfig(opts.config, currentEnvironment());
      if (loaded.config.warehouse) {
        const u = await withStore(opts.config, (store) => store.repos.users.byName(opts.name));
        await withWarehouse(opts.config, 'users add', (w) =>
          w.upsertUser({ name: u!.name, role: u!.role, badge: u!.badge, pinHash: u!.pin_hash }),
        );
        console.log('and in the warehouse, for every bench');
      }
    });
  users
    .command('list')
    .description('who may log in at this bench')
    .option('-c, --config <file>', 'config file')
    .option('--json', 'JSON output')
    .action(async (opts: { config?: string; json?: boolean }) => {
      await withStore(opts.config, (store) => {
        const list = store.repos.users.list();
        if (opts.json)
          return console.log(
            JSON.stringify(
              list.map((u) => ({ name: u.name, role: u.role, badge: u.badge })),
              null,
              2,
            ),
          );
        console.log(
          table(
            ['role', 'name', 'badge'],
            list.map((u) => [u.role, u.name, u.badge ?? '']),
          ),
        );
      });
    });
}
