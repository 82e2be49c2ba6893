import { applyFeedOrders, checkPage, pullFeed, type FeedIntercept, type PullReport } from '../../intake';
import type { Config } from '../../config';
import { background, type Log } from '../../log';
import type { Repos } from '../../store';

export { interceptOrder, type InterceptBench } from './intercepts';

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
    },
  ) {}

  start(): void {
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

  /** A pushed body (its signature already checked): written in one transaction, intercepts told after. */
  receive(name: string, body: unknown): HookReport {
    const f = this.feed(name)!;
    const page = checkPage(body, f.map);
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
