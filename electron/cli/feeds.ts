import type { Command } from 'commander';
import { FeedError } from '../intake';
import { silentLog } from '../log';
import { withDesks } from './desks';
import { fail } from './fail';

export function registerFeeds(program: Command): void {
  program
    .command('feeds')
    .description(
      'order feeds (feeds.orders in the config; in warehouse mode into the warehouse, once for all benches)',
    )
    .command('pull')
    .description(
      'pull a feed from its stored cursor to the end; every refused record is listed with its reason',
    )
    .requiredOption('--name <feed>', 'the feed, as named in feeds.orders (or shopee)')
    .option('-c, --config <file>', 'config file')
    .option('--json', 'print the report as JSON')
    .action(async (o: { name: string; config?: string; json?: boolean }) => {
      const report = await withDesks(o.config, 'feeds pull', silentLog, async ({ feeds, config }) => {
        try {
          if (o.name === 'shopee' && config.platforms.shopee) {
            // Shopee's orders to ship, through the platform's API (its tokens as the bench or warehouse keeps them).
            const r = await feeds.pullShopee();
            return { feed: 'shopee', ...r, unchanged: null, intercepts: [], cursor: null };
          }
          const feed = feeds.feed(o.name);
          if (!feed)
            fail(
              `no feed ${o.name} in feeds.orders (${config.feeds.orders.map((f) => f.name).join(', ') || 'none'})`,
            );
          if (!feed.url) fail(`feed ${o.name} has no url: it only takes pushes`);
          return (await feeds.pull(o.name)) ?? fail(`feed ${o.name} is being pulled already`);
        } catch (err) {
          if (err instanceof FeedError) fail(err.message);
          throw err;
        }
      });
      if (o.json) return console.log(JSON.stringify(report, null, 2));
      // Shopee keeps no cursor of ours: its list is asked by time range, and an order again is the same order.
      console.log(
        report.unchanged === null
          ? `feed ${report.feed}: ${report.pages} page(s), ${report.written} order(s) written`
          : `feed ${report.feed}: ${report.pages} page(s), ${report.written} order(s) written, ${report.unchanged} unchanged, cursor ${report.cursor ?? '-'}`,
      );
      for (const r of report.refused)
        console.error(`  record ${r.index} (${r.orderNo ?? 'no order no.'}) refused: ${r.reason}`);
      // Orders a bench started that the feed stopped: the bench that has each was told (a warehouse's by NOTIFY).
      for (const i of report.intercepts)
        console.log(`  intercept ${i.orderNo}: ${i.status} (${i.reason}) — already being packed or packed`);
      if (report.refused.length > 0) process.exitCode = 1;
    });
}
