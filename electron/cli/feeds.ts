import type { Command } from 'commander';
import { currentEnvironment, loadConfig } from '../config';
import { shopeeClient, shopeeOrdersToShip, type ShopeeTokens } from '../carriers';
import { applyFeedOrders, checkPage, FeedError, pullFeed } from '../intake';
import { withStore } from './store';
import { fail } from './fail';

export function registerFeeds(program: Command): void {
  program
    .command('feeds')
    .description('order feeds (feeds.orders in the config)')
    .command('pull')
    .description(
      'pull a feed from its stored cursor to the end; every refused record is listed with its reason',
    )
    .requiredOption('--name <feed>', 'the feed, as named in feeds.orders')
    .option('-c, --config <file>', 'config file')
    .option('--json', 'print the report as JSON')
    .action(async (o: { name: string; config?: string; json?: boolean }) => {
      const { config } = loadConfig(o.config, currentEnvironment());
      if (config.warehouse) fail('feeds are pulled at a single bench for now, not in warehouse mode');
      const shopee = o.name === 'shopee' ? config.platforms.shopee : undefined;
      if (shopee) {
        // Shopee's orders to ship, through the platform's API (its tokens as the bench keeps them).
        const r = await withStore(
          o.config,
          async (store) => {
            const tokens = {
              get: () => store.repos.settings.get<ShopeeTokens>('shopee.tokens'),
              set: (t: ShopeeTokens) => store.repos.settings.set('shopee.tokens', t),
            };
            const out = { pages: 0, written: 0, refused: [] as { orderNo: string | null; reason: string }[] };
            out.pages = await shopeeOrdersToShip(
              shopeeClient(config, tokens)!,
              { now: new Date(), days: shopee.days, shop: shopee.shopName },
              (records) => {
                const page = checkPage({ orders: records });
                store.repos.transaction(() => {
                  out.written += applyFeedOrders(store.repos, page.orders, new Date().toISOString()).written;
                });
                out.refused.push(...page.refused);
              },
            );
            return out;
          },
          { lock: 'packbench feeds pull' },
        );
        if (o.json) return console.log(JSON.stringify(r, null, 2));
        console.log(`feed shopee: ${r.pages} page(s), ${r.written} order(s) written`);
        for (const x of r.refused) console.error(`  ${x.orderNo ?? 'an order'} refused: ${x.reason}`);
        if (r.refused.length > 0) process.exitCode = 1;
        return;
      }
      const feed = config.feeds.orders.find((f) => f.name === o.name);
      if (!feed)
        fail(
          `no feed ${o.name} in feeds.orders (${config.feeds.orders.map((f) => f.name).join(', ') || 'none'})`,
        );
      if (!feed.url) fail(`feed ${o.name} has no url: it only takes pushes`);
      const report = await withStore(
        o.config,
        async (store) => {
          try {
            return await pullFeed(store.repos, { ...feed, url: feed.url! }, { now: () => new Date() });
          } catch (err) {
            if (err instanceof FeedError) fail(err.message);
            throw err;
          }
        },
        { lock: 'packbench feeds pull' },
      );
      if (o.json) return console.log(JSON.stringify(report, null, 2));
      console.log(
        `feed ${report.feed}: ${report.pages} page(s), ${report.written} order(s) written, ${report.unchanged} unchanged, cursor ${report.cursor ?? '-'}`,
      );
      for (const r of report.refused)
        console.error(`  record ${r.index} (${r.orderNo ?? 'no order no.'}) refused: ${r.reason}`);
      // Orders a bench started that the feed stopped: the lead acts on them (the bench says so when it runs the feed).
      for (const i of report.intercepts)
        console.log(`  intercept ${i.orderNo}: ${i.status} (${i.reason}) — already being packed or packed`);
      if (report.refused.length > 0) process.exitCode = 1;
    });
}
