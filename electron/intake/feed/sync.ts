import type { FeedIntercept } from './apply';
import { FeedError, fetchPage, type CheckedPage, type FeedSettings } from './pull';
import type { FeedStore } from './store';

export interface PullReport {
  feed: string;
  pages: number;
  written: number;
  unchanged: number;
  refused: CheckedPage['refused'];
  intercepts: FeedIntercept[];
  cursor: string | null;
}

export interface PullOptions {
  now: () => Date;
  /** Waits between tries (a test passes a fast one). */
  sleep?: (ms: number) => Promise<void>;
  /** Tries per page on 429/5xx before the pull gives up (the next interval tries again). */
  tries?: number;
  /** A feed's Retry-After is honoured up to this long. */
  maxWaitMs?: number;
  /** Pages per pull: a feed that always says "more" still lets the bench breathe. */
  maxPages?: number;
}

/**
 * Pulls a feed from its stored cursor until it says there is no more. Each page is written in one transaction with the
 * cursor it leads to, so a crash or a refusal of the page leaves the cursor where the last written page left it, and
 * the page comes again (written again to the same orders). 429 and 5xx wait as the feed says (else 1, 2, 4 … s).
 */
export async function pullFeed(store: FeedStore, feed: FeedSettings, o: PullOptions): Promise<PullReport> {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const report: PullReport = {
    feed: feed.name,
    pages: 0,
    written: 0,
    unchanged: 0,
    refused: [],
    intercepts: [],
    cursor: await store.cursor(feed.name),
  };
  for (let page = 0; page < (o.maxPages ?? 100); page++) {
    let checked: CheckedPage | null = null;
    for (let attempt = 1; !checked; attempt++) {
      try {
        checked = await fetchPage(feed, report.cursor);
      } catch (err) {
        const retryable =
          err instanceof FeedError && (err.retryAfterMs !== null || /HTTP (429|5\d\d)/.test(err.message));
        if (!retryable || attempt >= (o.tries ?? 4)) throw err;
        const asked = (err as FeedError).retryAfterMs;
        await sleep(Math.min(asked ?? 1000 * 2 ** (attempt - 1), o.maxWaitMs ?? 30_000));
      }
    }
    const at = o.now().toISOString();
    const next = checked.next ?? report.cursor;
    const w = await store.write(checked.orders, at, { feed: feed.name, next });
    report.written += w.written;
    report.unchanged += w.unchanged;
    report.intercepts.push(...w.intercepts);
    report.refused.push(...checked.refused);
    report.cursor = next;
    report.pages++;
    if (!checked.more) break;
  }
  return report;
}
