import { shopeeSign } from './sign';

export interface ShopeeConfig {
  baseUrl: string;
  partnerId: number;
  partnerKey: string;
  shopId: number;
}

export interface ShopeeTokens {
  accessToken: string;
  refreshToken: string;
  /** ISO time the access token stops working. */
  expiresAt: string;
}

/** Where the tokens are kept between starts (the bench's settings); refreshed ones replace them. */
export interface TokenStore {
  get(): ShopeeTokens | null | Promise<ShopeeTokens | null>;
  set(t: ShopeeTokens): void | Promise<void>;
  /**
   * Where several runners share the tokens (a warehouse): the refresh under a lock, so a refresh token is spent once
   * and a runner that waited takes the fresh pair.
   */
  renew?(
    stale: (t: ShopeeTokens | null) => boolean,
    refresh: (t: ShopeeTokens | null) => Promise<ShopeeTokens>,
  ): Promise<ShopeeTokens>;
}

export class ShopeeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** No answer, or one that was not Shopee's: the outcome is not known. */
    readonly unknownOutcome = false,
  ) {
    super(`${code}: ${message}`);
  }
}

/** Refreshed this long before the access token runs out, so no call goes out with a dying token. */
const REFRESH_EARLY_MS = 10 * 60_000;

/** Shop-level calls signed as Shopee documents, with the tokens refreshed before they expire. */
export class ShopeeClient {
  private refreshing: Promise<ShopeeTokens> | null = null;

  constructor(
    readonly c: ShopeeConfig,
    private readonly tokens: TokenStore,
    private readonly timeoutMs = 10_000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async token(): Promise<string> {
    const t = await this.tokens.get();
    if (!t)
      throw new ShopeeError('no_token', 'no Shopee access token: authorise the shop and set its tokens');
    const stale = (x: ShopeeTokens | null) =>
      !x || Date.parse(x.expiresAt) - this.now().getTime() <= REFRESH_EARLY_MS;
    if (!stale(t)) return t.accessToken;
    const store = this.tokens;
    this.refreshing ??= (
      store.renew
        ? store.renew(stale, (x) => this.refresh((x ?? t).refreshToken))
        : this.refresh(t.refreshToken).then(async (fresh) => {
            await store.set(fresh);
            return fresh;
          })
    ).finally(() => (this.refreshing = null));
    return (await this.refreshing).accessToken;
  }

  private async refresh(refreshToken: string): Promise<ShopeeTokens> {
    const path = '/api/v2/auth/access_token/get';
    const r = await this.send(
      'POST',
      path,
      {},
      { refresh_token: refreshToken, partner_id: this.c.partnerId, shop_id: this.c.shopId },
      null,
    );
    const fresh = {
      accessToken: String(r.access_token),
      refreshToken: String(r.refresh_token),
      expiresAt: new Date(this.now().getTime() + Number(r.expire_in) * 1000).toISOString(),
    };
    return fresh;
  }

  /** A shop call: common parameters and signature added; `error` in the answer is thrown. */
  async call(
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string | number> = {},
    body?: object,
  ): Promise<Record<string, unknown>> {
    return this.send(method, path, query, body, await this.token());
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string | number>,
    body: object | undefined,
    accessToken: string | null,
  ): Promise<Record<string, unknown>> {
    const timestamp = Math.floor(this.now().getTime() / 1000);
    const url = new URL(path, this.c.baseUrl);
    const common: Record<string, string | number> = {
      partner_id: this.c.partnerId,
      timestamp,
      sign: accessToken
        ? shopeeSign(this.c.partnerKey, this.c.partnerId, path, timestamp, accessToken, this.c.shopId)
        : shopeeSign(this.c.partnerKey, this.c.partnerId, path, timestamp),
      ...(accessToken ? { access_token: accessToken, shop_id: this.c.shopId } : {}),
      ...query,
    };
    for (const [k, v] of Object.entries(common)) url.searchParams.set(k, String(v));
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { 'Content-Type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new ShopeeError('no_answer', (err as Error).message, true);
    }
    let json: { error?: string; message?: string; response?: Record<string, unknown> } & Record<
      string,
      unknown
    >;
    try {
      json = (await res.json()) as typeof json;
    } catch {
      throw new ShopeeError('not_json', `HTTP ${res.status} without JSON`, res.status >= 500);
    }
    if (json.error) throw new ShopeeError(json.error, json.message ?? '', res.status >= 500);
    // The auth call answers at the top level; shop calls in `response`.
    return json.response ?? json;
  }

  /** A binary answer (the shipping document's PDF). */
  async download(path: string, body: object): Promise<Buffer> {
    const accessToken = await this.token();
    const timestamp = Math.floor(this.now().getTime() / 1000);
    const url = new URL(path, this.c.baseUrl);
    url.searchParams.set('partner_id', String(this.c.partnerId));
    url.searchParams.set('timestamp', String(timestamp));
    url.searchParams.set('access_token', accessToken);
    url.searchParams.set('shop_id', String(this.c.shopId));
    url.searchParams.set(
      'sign',
      shopeeSign(this.c.partnerKey, this.c.partnerId, path, timestamp, accessToken, this.c.shopId),
    );
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    if (!/pdf/.test(res.headers.get('content-type') ?? '')) {
      const j = JSON.parse(bytes.toString('utf8') || '{}') as { error?: string; message?: string };
      throw new ShopeeError(j.error || `HTTP ${res.status}`, j.message ?? 'no document');
    }
    return bytes;
  }
}
