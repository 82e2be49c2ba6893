import type { Command } from 'commander';
import { resolve } from 'node:path';
import { currentEnvironment, loadConfig, warehouseConnectionOf } from '../config';
import { adoptDatabase, AdoptError, backupFile, CorruptDatabaseError } from '../store';
import { CliError } from './fail';
import { archiveOld, confirmedEvents, seedHistory } from '../station';
import { silentLog } from '../log';
import { withStore } from './store';
import { wholeNumber } from './args';

export function registerDb(program: Command): void {
  const db = program.command('db').description('database maintenance');
  db.command('backup')
    .description("copy the bench's database with SQLite's online backup (safe while the station runs)")
    .argument('<file>', 'where to write the copy')
    .option('-c, --config <file>', 'config file')
    .option('--database <file>', 'database file (default: from the config)')
    .action(async (file: string, opts: { config?: string; database?: string }) => {
      const source = opts.database
        ? resolve(opts.database)
        : loadConfig(opts.config, currentEnvironment()).databasePath;
      try {
        const { pages } = await backupFile(source, resolve(file));
        console.log(`backed up ${source} -> ${resolve(file)} (${pages} pages)`);
      } catch (err) {
        if (err instanceof CorruptDatabaseError) throw err;
        throw new CliError(`cannot back up ${source}: ${(err as Error).message}`);
      }
    });
  db.command('adopt')
    .description(
      "move a Windows user's older database into the machine's data folder of an installed bench (a lead's name or badge and PIN)",
    )
    .requiredOption('--lead <name>', "the shift lead's name or badge")
    .requiredOption('--pin <pin>', "the lead's PIN")
    .action(async (opts: { lead: string; pin: string }) => {
      try {
        const r = await adoptDatabase(currentEnvironment(), opts.lead, opts.pin);
        console.log(`moved ${r.from} -> ${r.to} (${r.pages} pages); the old file is kept as ${r.kept}`);
      } catch (err) {
        if (err instanceof AdoptError)
          throw new CliError(
            err.reason === 'nothing'
              ? 'nothing to move: this bench has no older database in a Windows user folder'
              : 'a shift lead (name or badge) with the right PIN is needed to move the database',
          );
        throw err;
      }
    });
  db.command('seed')
    .description(
      'fill the database with realistic history (boxes, events, mismatches, handovers) for benches and demos',
    )
    .requiredOption('--boxes <n>', 'boxes packed over the days')
    .option('--mismatches <n>', 'mismatches among them', '0')
    .option('--days <n>', 'days the history spans, ending today', '30')
    .option('--force', 'seed a database that has packed boxes already')
    .option('-c, --config <file>', 'config file')
    .action((opts: { boxes: string; mismatches: string; days: string; force?: boolean; config?: string }) => {
      const boxes = wholeNumber('--boxes', opts.boxes, 1, 10_000_000);
      const mismatches = wholeNumber('--mismatches', opts.mismatches, 0, boxes);
      const days = wholeNumber('--days', opts.days, 1, 3650);
      return withStore(
        opts.config,
        (store) => {
          const packed = store.repos.sessions.count();
          if (packed > 0 && !opts.force)
            throw new CliError(
              `this database has ${packed} packed boxes of real work: add --force to seed it anyway`,
            );
          const t = performance.now();
          const r = seedHistory(store.repos, {
            boxes,
            mismatches,
            days,
            stationId: loadConfig(opts.config, currentEnvironment()).config.station.id,
            now: new Date(),
            progress: (n) => n % 10_000 === 0 && process.stderr.write(`\r${n} boxes…`),
          });
          if (boxes >= 10_000) process.stderr.write('\n');
          const rows = store.repos.mismatches.list({ limit: 0 }).total;
          console.log(
            `seeded ${r.boxes} boxes over ${days} days, ${r.mismatches} with a mismatch (${rows} mismatch rows) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
          );
        },
        { lock: 'packbench db seed' },
      );
    });
  db.command('archive')
    .description(
      'move the events and label bytes of boxes closed before the retention period to monthly archive files',
    )
    .option('--days <n>', 'keep this many days in the database (default: retention.days of the config)')
    .option('-c, --config <file>', 'config file')
    .action((opts: { days?: string; config?: string }) => {
      const loaded = loadConfig(opts.config, currentEnvironment());
      const days =
        opts.days === undefined ? loaded.config.retention.days : wholeNumber('--days', opts.days, 1, 3650);
      const warehouse = warehouseConnectionOf(loaded, process.env, 'bench') !== null;
      return withStore(
        opts.config,
        async (store) => {
          const t = performance.now();
          const r = await archiveOld({
            archives: store.archives,
            days,
            now: () => new Date(),
            log: silentLog,
            // In a warehouse only what PostgreSQL has confirmed may leave the bench.
            ...(warehouse ? { confirmedUpTo: () => confirmedEvents(store.repos) } : {}),
          });
          console.log(
            `archived ${r.sessions} boxes closed over ${days} days ago (${r.events} events, ${r.labels} labels) to ${r.files.length ? r.files.join(', ') : 'no file'} in ${((performance.now() - t) / 1000).toFixed(1)} s`,
          );
        },
        { lock: 'packbench db archive' },
      );
    });
}
