import { checkOrder, FeedPage, mapPage, type FeedOrder, type FieldMap } from './shape';
import { describeIssues } from '../../../shared/contract';

export interface FeedSettings {
  name: string;
  url: string;
  headers?: Record<string, string>;
  limit: number;
  map?: FieldMap;
}

/** A page read and checked: the good records, the refused ones with their reasons, and where to go on. */
export interface CheckedPage {
  orders: FeedOrder[];
  refused: { orderNo: string | null; index: number; reason: string }[];
  next: string | null;
  more: boolean;
}

export class FeedError extends Error {
  constructor(
    message: string,
    /** How long the feed asked us to wait (Retry-After), when it did. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** A body (pulled page or pushed hook) checked record by record. */
export function checkPage(body: unknown, map?: FieldMap): CheckedPage {
  const page = FeedPage.safeParse(mapPage(body, map));
  if (!page.success) throw new FeedError(`not a feed page: ${describeIssues(page.error).join('; ')}`);
  const out: CheckedPage = {
    orders: [],
    refused: [],
    next: page.data.next === null || page.data.next === undefined ? null : String(page.data.next),
    more: page.data.more,
  };
  page.data.orders.forEach((record, index) => {
    const r = checkOrder(record, map);
    if (r.ok) out.orders.push(r.order);
    else out.refused.push({ orderNo: r.orderNo, index, reason: r.reason });
  });
  return out;
}

const retryAfter = (h: string | null): number | null => {
  if (!h) return null;
  const s = Number(h);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const t = Date.parse(h);
  return Number.isNaN(t) ? null : Math.max(0, t - Date.now());
};

/** One page: `GET url?cursor=C&limit=N`. 429 and 5xx are a FeedError with the wait the feed asked for. */
export async function fetchPage(
  feed: FeedSettings,
  cursor: string | null,
  timeoutMs = 10_000,
): Promise<CheckedPage> {
  const url = new URL(feed.url);
  if (cursor !== null) url.searchParams.set('cursor', cursor);
  url.searchParams.set('limit', String(feed.limit));
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { Accept: 'application/json', ...feed.headers },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new FeedError(`feed ${feed.name} did not answer: ${(err as Error).message}`);
  }
  if (res.status === 429 || res.status >= 500)
    throw new FeedError(
      `feed ${feed.name} answered HTTP ${res.status}`,
      retryAfter(res.headers.get('retry-after')),
    );
  if (res.status !== 200) throw new FeedError(`feed ${feed.name} answered HTTP ${res.status}`);
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new FeedError(`feed ${feed.name} answered something that is not JSON`);
  }
  return checkPage(body, feed.map);
}
