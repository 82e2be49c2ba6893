import type { Command } from 'commander';
import { resolve } from 'node:path';
import { currentEnvironment, loadConfig } from '../config';
import { backupFile, CorruptDatabaseError } from '../store';
import { CliError } from './fail';

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
}
