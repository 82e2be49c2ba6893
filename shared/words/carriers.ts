/**
 * Carriers by the names people know, in both languages: the adapters Packbench books through, and the carriers behind
 * an aggregator (KDNiao's shipper codes). The label prints the Chinese name where carriers print theirs; screens use
 * the bench's language.
 */
const ADAPTERS: Record<string, { 'zh-CN': string; en: string }> = {
  pool: { 'zh-CN': '运单号池', en: 'waybill pool' },
  demo: { 'zh-CN': '演示承运商', en: 'demo carrier' },
  sf: { 'zh-CN': '顺丰速运', en: 'SF Express' },
  kdniao: { 'zh-CN': '快递鸟', en: 'KDNiao' },
  shipengine: { 'zh-CN': 'ShipEngine', en: 'ShipEngine' },
  shopee: { 'zh-CN': '虾皮 Shopee 物流', en: 'Shopee logistics' },
};

const CODES: Record<string, { 'zh-CN': string; en: string }> = {
  ZTO: { 'zh-CN': '中通快递', en: 'ZTO Express' },
  YTO: { 'zh-CN': '圆通速递', en: 'YTO Express' },
  STO: { 'zh-CN': '申通快递', en: 'STO Express' },
  YD: { 'zh-CN': '韵达速递', en: 'Yunda Express' },
  SF: { 'zh-CN': '顺丰速运', en: 'SF Express' },
  JD: { 'zh-CN': '京东物流', en: 'JD Logistics' },
  EMS: { 'zh-CN': '邮政 EMS', en: 'EMS' },
  YZPY: { 'zh-CN': '邮政快递包裹', en: 'China Post' },
  HTKY: { 'zh-CN': '百世快递', en: 'Best Express' },
  DBL: { 'zh-CN': '德邦快递', en: 'Deppon' },
  JTSD: { 'zh-CN': '极兔速递', en: 'J&T Express' },
  ZJS: { 'zh-CN': '宅急送', en: 'ZJS Express' },
};

export type CarrierLanguage = 'zh-CN' | 'en';

/**
 * A carrier as people name it: `kdniao:ZTO` is 中通快递, `sf` 顺丰速运. A name Packbench does not know (a pool's
 * configured carrier name, say) is shown as configured.
 */
export function carrierDisplayName(name: string, language: CarrierLanguage): string {
  const sub = /^[a-z]+:(\w+)$/i.exec(name)?.[1];
  if (sub) return CODES[sub.toUpperCase()]?.[language] ?? sub;
  return ADAPTERS[name]?.[language] ?? CODES[name.toUpperCase()]?.[language] ?? name;
}
