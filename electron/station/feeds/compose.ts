import { shopeeClient, type CarrierAdapter, type TokenStore } from '../../carriers';
import type { Config } from '../../config';
import type { Log } from '../../log';
import type { Repos } from '../../store';
import type { FeedbackDraft } from '../feedback';
import type { PackWorkflow } from '../pack';
import { TrackingDesk } from '../tracking';
import { FeedDesk } from './desk';
import { interceptOrder } from './intercepts';

/**
 * A bench's orders-in and news-out: its feeds (generic and Shopee's), the intercepts they cause, and tracking. In a
 * warehouse none of them run at the bench yet (they must run once per warehouse), and the bench says so.
 */
export function composeFeeds(d: {
  repos: Repos;
  config: Config;
  pack: PackWorkflow;
  carriers: Record<string, CarrierAdapter>;
  shopeeTokens: TokenStore;
  warehouse: boolean;
  stationId: string;
  log: Log;
  now: () => Date;
  tell: (f: FeedbackDraft) => void;
  drain: () => void;
}): { feeds: FeedDesk; tracking: TrackingDesk } {
  const { config, log, warehouse } = d;
  if (warehouse && (config.feeds.orders.length > 0 || config.platforms.shopee))
    log.warn('order feeds are not run by a warehouse bench: run them at a single bench for now');
  const shopee = config.platforms.shopee;
  const feeds = new FeedDesk({
    repos: d.repos,
    feeds: warehouse ? [] : config.feeds.orders,
    log,
    now: d.now,
    shopee:
      !warehouse && shopee
        ? {
            client: shopeeClient(config, d.shopeeTokens)!,
            intervalSeconds: shopee.intervalSeconds,
            days: shopee.days,
            shop: shopee.shopName,
            partnerKey: shopee.partnerKey,
            pushUrl: shopee.pushUrl ?? null,
          }
        : null,
    intercepted: (i) =>
      interceptOrder(
        {
          repos: d.repos,
          pack: d.pack,
          carriers: d.carriers,
          log,
          now: d.now,
          stationId: d.stationId,
          tell: d.tell,
          drain: d.drain,
        },
        i,
      ),
  });
  const tracking = new TrackingDesk({
    repos: d.repos,
    carriers: d.carriers,
    settings: config.tracking,
    notify: config.notify?.tracking ?? false,
    log,
    now: d.now,
  });
  return { feeds, tracking };
}
