import type { WaybillPoolRepo } from '../store';
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
export { parcelStatus, statusOfText, type ParcelStatus } from './tracking';
export { PoolAdapter } from './adapters/pool';
export { KdniaoAdapter } from './adapters/kdniao';
export { SfAdapter } from './adapters/sf';
export { ShipEngineAdapter } from './adapters/shipengine';

/** The bench's carriers from its config; the waybill pool is always there (offline fallback). */
export function createCarriers(
  config: Config,
  pool: WaybillPoolRepo,
  warn: (m: string) => void,
): Record<string, CarrierAdapter> {
  const c = config.carriers;
  const t = c.timeoutMs;
  const out: Record<string, CarrierAdapter> = {
    pool: new PoolAdapter(pool, c.pool?.carrierName ?? 'demo', c.pool?.lowStockWarning ?? 200, warn),
  };
  if (c.kdniao) out.kdniao = new KdniaoAdapter(c.kdniao, t);
  if (c.sf) out.sf = new SfAdapter(c.sf, t);
  if (c.shipengine) out.shipengine = new ShipEngineAdapter(c.shipengine, t);
  return out;
}
