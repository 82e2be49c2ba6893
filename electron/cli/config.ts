import type { Command } from 'commander';
import { currentEnvironment, loadConfig, maskSecrets, readConfigFile } from '../config';
import { exitWith } from './fail';

export function registerConfig(program: Command): void {
  const config = program.command('config').description('check or print the bench configuration');
  config
    .command('check')
    .description('validate a config file; every problem is listed with its JSON path (exit 1 on any)')
    .argument('[file]', 'config file (default: the one the station would use)')
    .action((file?: string) => {
      try {
        if (file) readConfigFile(file);
        const loaded = file ? null : loadConfig(undefined, currentEnvironment());
        console.log(`ok: ${file ?? loaded?.source.path ?? 'embedded default'}`);
      } catch (err) {
        exitWith(err);
      }
    });
  config
    .command('print')
    .description('print the effective config (defaults filled in, secrets masked)')
    .option('-c, --config <file>', 'config file')
    .action((opts: { config?: string }) => {
      try {
        const loaded = loadConfig(opts.config, currentEnvironment());
        const out = {
          source: loaded.source,
          databasePath: loaded.databasePath,
          config: maskSecrets(loaded.config),
        };
        console.log(JSON.stringify(out, null, 2));
      } catch (err) {
        exitWith(err);
      }
    });
}
