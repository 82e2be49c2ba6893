import { shopeeOrder, shopeeOrdersToShip, shopeePushOk, type ShopeeClient } from '../../carriers';
import { checkPage, pullFeed, type FeedIntercept, type FeedStore, type PullReport } from '../../intake';
import type { Config } from '../../config';
import { background, type Log } from '../../log';

type FeedConfig = Config['feeds']['orders'][number];

/** What a push wrote: like a pulled page, without a cursor. */
export interface HookReport {
  written: number;
  unchanged: number;
  refused: { orderNo: string | null; index: number; reason: string }[];
}

/**
 * Order feeds (`feeds.orders`, Shopee's): each with a URL is pulled every `intervalSeconds`, off the scan path; a push
 * to `/hooks/orders/{name}` is written at once. On a single bench the orders go to its SQLite and a stop of an order it
 * started goes to `intercepted` as soon as it is on disk. In a warehouse every bench and worker ticks, `turn` lets one
 * of them pull per interval, the orders go to PostgreSQL and its NOTIFY takes a stop to the bench that has the order.
 */
export class FeedDesk {
  private timers: ReturnType<typeof setInterval>[] = [];
  private running = new Set<string>();

  constructor(
    private readonly d: {
      store: FeedStore;
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
      /** Whether this runner polls `name` now (a warehouse's turn); a single bench always does. */
      turn?: (name: string, everyMs: number) => Promise<boolean>;
    },
  ) {}

  /** A poll on its interval, when this runner's turn. */
  private every(name: string, seconds: number, what: string, run: () => Promise<unknown>): void {
    const tick = () => background(this.d.log, what, () => this.ifTurn(name, seconds, run));
    tick();
    const t = setInterval(tick, seconds * 1000);
    t.unref?.();
    this.timers.push(t);
  }

  private async ifTurn<T>(name: string, seconds: number, run: () => Promise<T>): Promise<T | null> {
    const turn = this.d.turn;
    return !turn || (await turn(`feed ${name}`, seconds * 1000)) ? run() : null;
  }

  /** Each feed whose turn it is now (every feed on a single bench), one after another: what each pull wrote. */
  async runDue(): Promise<{ feed: string; report: unknown }[]> {
    const out: { feed: string; report: unknown }[] = [];
    const shopee = this.d.shopee;
    if (shopee) {
      const r = await this.ifTurn('shopee', shopee.intervalSeconds, () => this.pullShopee());
      if (r) out.push({ feed: 'shopee', report: r });
    }
    for (const f of this.d.feeds) {
      if (!f.url) continue;
      const r = await this.ifTurn(f.name, f.intervalSeconds, () => this.pull(f.name));
      if (r) out.push({ feed: f.name, report: r });
    }
    return out;
  }

  private tell(intercepts: FeedIntercept[]): void {
    // The warehouse's NOTIFY tells every bench, this one included.
    if (!this.d.store.shared) for (const i of intercepts) this.d.intercepted(i);
  }

  start(): void {
    const shopee = this.d.shopee;
    if (shopee) this.every('shopee', shopee.intervalSeconds, 'Shopee orders', () => this.pullShopee());
    for (const f of this.d.feeds)
      if (f.url) this.every(f.name, f.intervalSeconds, `feed ${f.name}`, () => this.pull(f.name));
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
      const report = await pullFeed(this.d.store, { ...f, url: f.url }, { now: this.d.now });
      for (const r of report.refused)
        this.d.log.warn(
          `feed ${name}: record ${r.index} (${r.orderNo ?? 'no order no.'}) refused: ${r.reason}`,
        );
      this.tell(report.intercepts);
      return report;
    } finally {
      this.running.delete(name);
    }
  }

  /** Shopee's READY_TO_SHIP orders of the last days, page by page, each page in one transaction. */
  async pullShopee(): Promise<{ pages: number; written: number; refused: HookReport['refused'] }> {
    const s = this.d.shopee;
    if (!s) throw new Error('platforms.shopee is not set up');
    const out = { pages: 0, written: 0, refused: [] as HookReport['refused'] };
    out.pages = await shopeeOrdersToShip(
      s.client,
      { now: this.d.now(), days: s.days, shop: s.shop },
      async (records) => {
        const r = await this.write('shopee', { orders: records });
        out.written += r.written;
        out.refused.push(...r.refused);
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
      const at = this.d.now().toISOString();
      const i = await this.d.store.stop(orderSn, 'cancelled', `Shopee ${push.data!.status}`, at);
      if (i) this.tell([i]);
      return { status: 200, body: { intercepted: orderSn } };
    }
    const record = await shopeeOrder(s.client, orderSn, s.shop);
    return {
      status: 200,
      body: record ? await this.write('shopee', { orders: [record] }) : { unknown: orderSn },
    };
  }

  /** A pushed body (its signature already checked): written in one transaction, intercepts told after. */
  receive(name: string, body: unknown): Promise<HookReport> {
    return this.write(name, body);
  }

  private async write(name: string, body: unknown): Promise<HookReport> {
    const f = this.feed(name);
    const page = checkPage(body, f?.map);
    const w = await this.d.store.write(page.orders, this.d.now().toISOString());
    for (const r of page.refused)
      this.d.log.warn(
        `feed ${name} push: record ${r.index} (${r.orderNo ?? 'no order no.'}) refused: ${r.reason}`,
      );
    this.tell(w.intercepts);
    return { written: w.written, unchanged: w.unchanged, refused: page.refused };
  }
}
