import type { Command } from 'commander';
import { createCarriers } from '../carriers';
import { currentEnvironment, loadConfig } from '../config';
import { pollTracking } from '../station';
import { withStore } from './store';
import { fail } from './fail';

export function registerTracking(program: Command): void {
  program
    .command('tracking')
    .description('parcels after handover (跟踪 to 签收)')
    .command('poll')
    .description('ask the carriers about every parcel handed over and not yet signed for or returned')
    .option('-c, --config <file>', 'config file')
    .option('--json', 'print the report as JSON')
    .action(async (o: { config?: string; json?: boolean }) => {
      const { config } = loadConfig(o.config, currentEnvironment());
      if (config.warehouse) fail('tracking is polled at a single bench for now, not in warehouse mode');
      const report = await withStore(
        o.config,
        (store) =>
          pollTracking(
            store.repos,
            createCarriers(config, store.repos.waybillPool, (m) => console.error(m)),
            {
              now: () => new Date(),
              notify: config.notify?.tracking ?? false,
            },
          ),
        { lock: 'packbench tracking poll' },
      );
      if (o.json) return console.log(JSON.stringify(report, null, 2));
      console.log(
        `${report.enrolled} parcel(s) newly followed, ${report.asked} asked, ${report.changed} with a new status`,
      );
      for (const f of report.failed) console.error(`  ${f.waybillNo}: ${f.reason}`);
      if (report.failed.length > 0) process.exitCode = 1;
    });
}
