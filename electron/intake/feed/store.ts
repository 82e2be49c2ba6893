import type { Repos, Warehouse } from '../../store';
import { applyFeedOrders, orderImportOf, stopOf, type FeedIntercept, type FeedWrite } from './apply';
import type { FeedOrder } from './shape';

/**
 * Where a feed's orders are written: a single bench's SQLite, or the warehouse's PostgreSQL (once for every bench).
 * A page and the cursor it leads to are one transaction in both.
 */
export interface FeedStore {
  /** True for the warehouse: its intercepts reach the benches by NOTIFY, the one that ran the feed included. */
  readonly shared: boolean;
  cursor(feed: string): Promise<string | null>;
  write(orders: FeedOrder[], at: string, cursor?: { feed: string; next: string | null }): Promise<FeedWrite>;
  /** A platform's stop of one order it names (a cancellation push): an intercept if started, else the order stops. */
  stop(
    orderNo: string,
    status: FeedIntercept['status'],
    reason: string,
    at: string,
  ): Promise<FeedIntercept | null>;
}

export function benchFeedStore(repos: Repos): FeedStore {
  return {
    shared: false,
    cursor: (feed) => Promise.resolve(repos.feeds.cursor(feed)),
    write(orders, at, cursor) {
      let w: FeedWrite = { written: 0, unchanged: 0, intercepts: [] };
      repos.transaction(() => {
        w = applyFeedOrders(repos, orders, at);
        if (cursor) repos.feeds.setCursor(cursor.feed, cursor.next, at);
      });
      return Promise.resolve(w);
    },
    stop(orderNo, status, reason, at) {
      const found = repos.orders.findByCode(orderNo);
      if (!found) return Promise.resolve(null);
      if (['packing', 'packed', 'partial'].includes(found.order.status))
        return Promise.resolve({ orderNo, status, reason });
      repos.orders.setStatus(found.order.id, status, reason, at);
      return Promise.resolve(null);
    },
  };
}

export function warehouseFeedStore(w: Warehouse): FeedStore {
  return {
    shared: true,
    cursor: (feed) => w.feeds.cursor(feed),
    write: (orders, _at, cursor) =>
      w.feeds.write(
        orders.map((o) => ({ ...orderImportOf(o), stop: stopOf(o) })),
        cursor,
      ),
    stop: (orderNo, status, reason) => w.feeds.stop(orderNo, status, reason),
  };
}
