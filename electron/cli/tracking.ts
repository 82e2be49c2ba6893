import type { Command } from 'commander';
import { silentLog } from '../log';
import { withDesks } from './desks';

export function registerTracking(program: Command): void {
  program
    .command('tracking')
    .description("parcels after handover (跟踪 to 签收; in warehouse mode every bench's parcels)")
    .command('poll')
    .description('ask the carriers about every parcel handed over and not yet signed for or returned')
    .option('-c, --config <file>', 'config file')
    .option('--json', 'print the report as JSON')
    .action(async (o: { config?: string; json?: boolean }) => {
      const report = await withDesks(o.config, 'tracking poll', silentLog, ({ tracking }) => tracking.poll());
      if (o.json) return console.log(JSON.stringify(report, null, 2));
      console.log(
        `${report.enrolled} parcel(s) newly followed, ${report.asked} asked, ${report.changed} with a new status`,
      );
      for (const f of report.failed) console.error(`  ${f.waybillNo}: ${f.reason}`);
      if (report.failed.length > 0) process.exitCode = 1;
    });
}
