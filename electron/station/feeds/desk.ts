import { shopeeOrder, shopeeOrdersToShip, shopeePushOk, type ShopeeClient } from '../../carriers';
import { applyFeedOrders, checkPage, pullFeed, type FeedIntercept, type PullReport } from '../../intake';
import type { Config } from '../../config';
import { background, type Log } from '../../log';
import type { Repos } from '../../store';

type FeedConfig = Config['feeds']['orders'][number];

/** What a push wrote: like a pulled page, without a cursor. */
export interface HookReport {
  written: number;
  unchanged: number;
  refused: { orderNo: string | null; index: number; reason: string }[];
}

/**
 * A single bench's order feeds (`feeds.orders`): each with a URL is pulled every `intervalSeconds`, off the scan path;
 * a push to `/hooks/orders/{name}` is written at once. Holds, cancellations and refunds of orders a bench has started
 * go to `intercepted` as soon as they are on disk.
 */
export class FeedDesk {
  private timers: ReturnType<typeof setInterval>[] = [];
  private running = new Set<string>();

  constructor(
    private readonly d: {
      repos: Repos;
      feeds: FeedConfig[];
      log: Log;
      now: () => Date;
      intercepted: (i: FeedIntercept) => void;
      /** Shopee's orders to ship, pulled as the feed named `shopee`, and its pushes. */
      shopee?: {
        client: ShopeeClient;
        intervalSeconds: number;
        days: number;
        shop: string;
        partnerKey: string;
        pushUrl: string | null;
      } | null;
    },
  ) {}

  start(): void {
    const shopee = this.d.shopee;
    if (shopee) {
      const tick = () => background(this.d.log, 'Shopee orders', () => this.pullShopee());
      tick();
      const t = setInterval(tick, shopee.intervalSeconds * 1000);
      t.unref?.();
      this.timers.push(t);
    }
    for (const f of this.d.feeds) {
      if (!f.url) continue;
      const tick = () => background(this.d.log, `feed ${f.name}`, () => this.pull(f.name));
      tick();
      const t = setInterval(tick, f.intervalSeconds * 1000);
      t.unref?.();
      this.timers.push(t);
    }
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  feed(name: string): FeedConfig | undefined {
    return this.d.feeds.find((f) => f.name === name);
  }

  /** One pull from the stored cursor to the end; one at a time per feed. */
  async pull(name: string): Promise<PullReport | null> {
    const f = this.feed(name);
    if (!f?.url || this.running.has(name)) return null;
    this.running.add(name);
    try {
      const report = await pullFeed(this.d.repos, { ...f, url: f.url }, { now: this.d.now });
      for (const r of report.refused)
        this.d.log.warn(
          `feed ${name}: record ${r.index} (${r.orderNo ?? 'no order no.'}) refused: ${r.reason}`,
        );
      for (const i of report.intercepts) this.d.intercepted(i);
      return report;
    } finally {
      this.running.delete(name);
    }
  }

  /** Shopee's READY_TO_SHIP orders of the last days, page by page, each page in one transaction. */
  async pullShopee(): Promise<{ pages: number; written: number; refused: number }> {
    const s = this.d.shopee;
    if (!s) throw new Error('platforms.shopee is not set up');
    const out = { pages: 0, written: 0, refused: 0 };
    out.pages = await shopeeOrdersToShip(
      s.client,
      { now: this.d.now(), days: s.days, shop: s.shop },
      (records) => {
        const r = this.write('shopee', { orders: records });
        out.written += r.written;
        out.refused += r.refused.length;
      },
    );
    return out;
  }

  /**
   * A Shopee push, checked by Shopee's signature (the callback URL + `|` + the raw body) before it is read. An order
   * status push (code 3) writes the order as Shopee now has it; a cancellation stops it at the bench.
   */
  async receiveShopee(
    raw: Buffer,
    authorization: string | undefined,
  ): Promise<{ status: number; body: object }> {
    const s = this.d.shopee;
    if (!s?.pushUrl)
      return { status: 404, body: { error: 'Shopee pushes are not set up (platforms.shopee.pushUrl)' } };
    if (!shopeePushOk(s.partnerKey, s.pushUrl, raw, authorization))
      return { status: 401, body: { error: 'Authorization missing or wrong: nothing stored' } };
    let push: { code?: number; data?: { ordersn?: string; status?: string } };
    try {
      push = JSON.parse(raw.toString('utf8')) as typeof push;
    } catch {
      return { status: 400, body: { error: 'the body is not JSON' } };
    }
    const orderSn = push.data?.ordersn;
    if (push.code !== 3 || !orderSn) return { status: 200, body: { ignored: true } };
    if (/CANCEL/.test(push.data?.status ?? '')) {
      const found = this.d.repos.orders.findByCode(orderSn);
      if (found) {
        const i: FeedIntercept = {
          orderNo: orderSn,
          status: 'cancelled',
          reason: `Shopee ${push.data!.status}`,
        };
        if (['packing', 'packed', 'partial'].includes(found.order.status)) this.d.intercepted(i);
        else this.d.repos.orders.setStatus(found.order.id, 'cancelled', i.reason, this.d.now().toISOString());
      }
      return { status: 200, body: { intercepted: orderSn } };
    }
    const record = await shopeeOrder(s.client, orderSn, s.shop);
    return { status: 200, body: record ? this.write('shopee', { orders: [record] }) : { unknown: orderSn } };
  }

  /** A pushed body (its signature already checked): written in one transaction, intercepts told after. */
  receive(name: string, body: unknown): HookReport {
    return this.write(name, body);
  }

  private write(name: string, body: unknown): HookReport {
    const f = this.feed(name);
    const page = checkPage(body, f?.map);
    let intercepts: FeedIntercept[] = [];
    let written = 0;
    let unchanged = 0;
    this.d.repos.transaction(() => {
      const w = applyFeedOrders(this.d.repos, page.orders, this.d.now().toISOString());
      ({ written, unchanged, intercepts } = w);
    });
    for (const r of page.refused)
      this.d.log.warn(
        `feed ${name} push: record ${r.index} (${r.orderNo ?? 'no order no.'}) refused: ${r.reason}`,
      );
    for (const i of intercepts) this.d.intercepted(i);
    return { written, unchanged, refused: page.refused };
  }
}
