import { shopeeClient, type CarrierAdapter, type ShopeeTokens, type TokenStore } from '../../carriers';
import type { Config } from '../../config';
import { benchFeedStore, warehouseFeedStore, type FeedIntercept } from '../../intake';
import type { Log } from '../../log';
import type { Repos, Warehouse } from '../../store';
import type { FeedbackDraft } from '../feedback';
import type { PackWorkflow } from '../pack';
import { benchParcels, TrackingDesk } from '../tracking';
import { FeedDesk } from './desk';
import { interceptOrder } from './intercepts';

/**
 * Shopee's tokens: a single bench keeps them in its settings; a warehouse keeps one pair for every bench and worker,
 * renewed under a row lock (a refresh token is spent once).
 */
export function shopeeTokenStore(repos: Repos | null, warehouse: Warehouse | null): TokenStore {
  if (warehouse)
    return {
      get: () => warehouse.feeds.tokens<ShopeeTokens>('shopee'),
      set: (t) => warehouse.feeds.setTokens('shopee', t),
      renew: (stale, refresh) => warehouse.feeds.renewTokens('shopee', stale, refresh),
    };
  if (!repos) throw new Error('Shopee tokens need a bench database or a warehouse');
  return {
    get: () => repos.settings.get<ShopeeTokens>('shopee.tokens'),
    set: (t) => repos.settings.set('shopee.tokens', t),
  };
}

/**
 * Orders in and news out: the feeds (generic and Shopee's) and tracking, over a single bench's SQLite or, in a
 * warehouse, over its PostgreSQL with a turn per interval so each poll runs once however many benches and workers tick.
 * `bench` is the bench that hears a single bench's intercepts (a warehouse's reach every bench by NOTIFY; a worker has
 * none).
 */
export function composeFeeds(d: {
  config: Config;
  carriers: Record<string, CarrierAdapter>;
  shopeeTokens: TokenStore;
  warehouse: Warehouse | null;
  repos: Repos | null;
  runner: string;
  log: Log;
  now: () => Date;
  /** A screen's read of the warehouse, refused in words when it is unreachable (the bench's link). */
  reach?: <T>(fn: () => Promise<T>) => Promise<T>;
  bench?: {
    repos: Repos;
    pack: PackWorkflow;
    stationId: string;
    tell: (f: FeedbackDraft) => void;
    drain: () => void;
  };
}): { feeds: FeedDesk; tracking: TrackingDesk; intercept: (i: FeedIntercept) => void } {
  const { config, log, warehouse, bench } = d;
  const shopee = config.platforms.shopee;
  const turn = warehouse
    ? (name: string, everyMs: number) => warehouse.feeds.takeTurn(name, everyMs, d.runner)
    : undefined;
  const repos = d.repos;
  // 拦截 at this bench: a single bench's from its own feeds; a warehouse bench's heard from PostgreSQL, where a box
  // may have been loaded at any dock.
  const intercept = (i: FeedIntercept) => {
    if (!bench) return;
    const reach = d.reach ?? (<T>(fn: () => Promise<T>) => fn());
    const handedOver = warehouse
      ? (waybills: string[]) =>
          reach(async () =>
            (await Promise.all(waybills.map((n) => warehouse.dock.find(n)))).some((s) => s?.batchId != null),
          )
      : null;
    interceptOrder({ ...bench, carriers: d.carriers, log, now: d.now, handedOver }, i);
  };
  if (!warehouse && !repos) throw new Error('feeds need a bench database or a warehouse');
  const feeds = new FeedDesk({
    store: warehouse ? warehouseFeedStore(warehouse) : benchFeedStore(repos!),
    feeds: config.feeds.orders,
    log,
    now: d.now,
    ...(turn ? { turn } : {}),
    shopee: shopee
      ? {
          client: shopeeClient(config, d.shopeeTokens)!,
          intervalSeconds: shopee.intervalSeconds,
          days: shopee.days,
          shop: shopee.shopName,
          partnerKey: shopee.partnerKey,
          pushUrl: shopee.pushUrl ?? null,
        }
      : null,
    intercepted: intercept,
  });
  const tracking = new TrackingDesk({
    book: warehouse ? warehouse.parcels : benchParcels(repos!),
    carriers: d.carriers,
    settings: config.tracking,
    notify: config.notify?.tracking ?? false,
    log,
    now: d.now,
    ...(turn ? { turn } : {}),
    ...(d.reach ? { reach: d.reach } : {}),
  });
  return { feeds, tracking, intercept };
}

/** What the order-hooks listener (`--hooks`) hands pushes to: order feeds, Shopee, the carriers' tracking. */
export function hooksOf(feeds: FeedDesk, tracking: TrackingDesk, config: Config) {
  return {
    feed: (name: string) => feeds.feed(name),
    receive: (name: string, body: unknown) => feeds.receive(name, body),
    receiveShopee: (raw: Buffer, auth: string | undefined) => feeds.receiveShopee(raw, auth),
    receiveKdniaoTracking: (form: Record<string, string>) =>
      tracking.receiveKdniao(form, config.carriers.kdniao ?? null),
    receiveSfTracking: (form: Record<string, string>) => tracking.receiveSf(form, config.carriers.sf ?? null),
    receiveShipEngineTracking: (raw: Buffer, headers: Record<string, string | string[] | undefined>) =>
      tracking.receiveShipEngine(raw, headers, config.carriers.shipengine?.webhookJwksUrl ?? null),
  };
}
