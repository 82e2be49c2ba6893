import type { WaybillPoolRepo } from '../store';
import { ShopeeAdapter } from './shopee/adapter';
import { ShopeeClient, type ShopeeTokens, type TokenStore } from './shopee/client';
import type { Config } from '../config';
import { KdniaoAdapter } from './adapters/kdniao';
import { PoolAdapter } from './adapters/pool';
import { SfAdapter } from './adapters/sf';
import { ShipEngineAdapter } from './adapters/shipengine';
import type { CarrierAdapter } from './model';

export * from './model';
export {
  selectCarrier,
  chargeableWeight,
  price,
  type Selection,
  type CarrierRule,
  type SelectionInput,
} from './selection';
export { kdniaoDataSign, sfMsgDigest, javaUrlEncode } from './signatures';
export { checkSfRoutePush, checkShipEnginePush, jwksKeys, type CheckedPush } from './pushes';
export { parcelStatus, statusOfText, type ParcelStatus } from './tracking';
export { PoolAdapter } from './adapters/pool';
export { KdniaoAdapter } from './adapters/kdniao';
export { SfAdapter, sfRoutesResult } from './adapters/sf';
export { ShipEngineAdapter, shipEngineTrackResult, type ShipEngineTracking } from './adapters/shipengine';
export {
  ShopeeClient,
  ShopeeError,
  type ShopeeConfig,
  type ShopeeTokens,
  type TokenStore,
} from './shopee/client';
export { ShopeeAdapter } from './shopee/adapter';
export { shopeeSign, shopeePushSignature, shopeePushOk } from './shopee/sign';
export { shopeeOrdersToShip, shopeeOrder, feedRecordOf } from './shopee/orders';

/** The bench's carriers from its config; the waybill pool is always there (offline fallback). */
export function createCarriers(
  config: Config,
  /** The bench's waybill pool; null where no bench books (a warehouse worker follows parcels only). */
  pool: WaybillPoolRepo | null,
  warn: (m: string) => void,
  /** Where Shopee's refreshed tokens are kept (the bench's settings); else they live as long as the process. */
  shopeeTokens?: TokenStore,
): Record<string, CarrierAdapter> {
  const c = config.carriers;
  const t = c.timeoutMs;
  const out: Record<string, CarrierAdapter> = pool
    ? { pool: new PoolAdapter(pool, c.pool?.carrierName ?? 'demo', c.pool?.lowStockWarning ?? 200, warn) }
    : {};
  if (c.kdniao) out.kdniao = new KdniaoAdapter(c.kdniao, t);
  if (c.sf) out.sf = new SfAdapter(c.sf, t);
  if (c.shipengine) out.shipengine = new ShipEngineAdapter(c.shipengine, t);
  const shopee = shopeeClient(config, shopeeTokens);
  if (shopee) out.shopee = new ShopeeAdapter(shopee);
  return out;
}

/** The Shopee client of the config's shop, its tokens from `store` (first from the config). */
export function shopeeClient(config: Config, store?: TokenStore): ShopeeClient | null {
  const s = config.platforms.shopee;
  if (!s) return null;
  const first: ShopeeTokens = {
    accessToken: s.accessToken,
    refreshToken: s.refreshToken,
    expiresAt: s.expiresAt ?? new Date(Date.now() + 4 * 3_600_000).toISOString(),
  };
  let held: ShopeeTokens | null = null;
  const tokens: TokenStore = store
    ? { get: () => store.get() ?? first, set: (t) => store.set(t) }
    : { get: () => held ?? first, set: (t) => void (held = t) };
  return new ShopeeClient(
    { baseUrl: s.baseUrl, partnerId: s.partnerId, partnerKey: s.partnerKey, shopId: s.shopId },
    tokens,
    config.carriers.timeoutMs,
  );
}
