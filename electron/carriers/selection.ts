import { CHOICE_PHRASES } from '../../shared/words';

export interface PriceRule {
  /** Price of the first `firstWeightG` (首重). */
  firstCents: number;
  /** Price per started kg after that (续重). */
  extraPerKgCents: number;
}

export interface CarrierRule {
  /** Serviceable provinces; absent = everywhere. */
  provinces?: string[];
  excludeProvinces?: string[];
  cod?: boolean;
  minWeightG?: number;
  maxWeightG?: number;
  firstWeightG?: number;
  /** Volumetric divisor: chargeable = max(actual, L×W×H (cm³) / divisor × 1000 g). */
  divisor?: number;
  remoteSurchargeCents?: number;
  prices: { default: PriceRule; byProvince?: Record<string, PriceRule> };
}

export interface SelectionInput {
  province: string;
  shop: string | null;
  codCents: number | null;
  /** A carrier the platform mandates for this order (e.g. 平台指定快递). */
  required: string | null;
  weightG: number;
  dimsMm: [number, number, number] | null;
  available: string[];
  rules: Record<string, CarrierRule>;
  shopOverride: Record<string, string>;
  remoteProvinces: string[];
  fallback: string;
}

export interface Candidate {
  carrier: string;
  eligible: boolean;
  priceCents: number | null;
  chargeableG: number;
  why: string[];
}

export interface Selection {
  carrier: string | null;
  priceCents: number | null;
  reasons: string[];
  candidates: Candidate[];
}

const matches = (province: string, list: string[]) =>
  list.some((p) => province.startsWith(p) || p.startsWith(province));

export function chargeableWeight(
  weightG: number,
  dimsMm: [number, number, number] | null,
  divisor: number,
): number {
  if (!dimsMm) return weightG;
  const cm3 = (dimsMm[0] / 10) * (dimsMm[1] / 10) * (dimsMm[2] / 10);
  return Math.max(weightG, Math.ceil((cm3 / divisor) * 1000));
}

export function price(rule: CarrierRule, province: string, chargeableG: number, remote: boolean): number {
  const table =
    Object.entries(rule.prices.byProvince ?? {}).find(([p]) => matches(province, [p]))?.[1] ??
    rule.prices.default;
  const first = rule.firstWeightG ?? 1000;
  const extraKg = Math.max(0, Math.ceil((chargeableG - first) / 1000));
  return table.firstCents + extraKg * table.extraPerKgCents + (remote ? (rule.remoteSurchargeCents ?? 0) : 0);
}

const say = CHOICE_PHRASES.say;

/**
 * Which carrier books this box, and why: the platform's mandate first, then the shop's override, then among the
 * carriers that serve the province, take COD where needed and carry the weight, the cheapest for the chargeable
 * weight (首重/续重 per province; remote provinces cost extra). Every step says why.
 */
export function selectCarrier(input: SelectionInput): Selection {
  const remote = matches(input.province, input.remoteProvinces);
  const candidates: Candidate[] = input.available.map((carrier) => {
    const rule = input.rules[carrier];
    const why: string[] = [];
    if (!rule)
      return {
        carrier,
        eligible: true,
        priceCents: null,
        chargeableG: input.weightG,
        why: [say('no-price-table')],
      };
    const chargeableG = chargeableWeight(input.weightG, input.dimsMm, rule.divisor ?? 6000);
    if (rule.provinces && !matches(input.province, rule.provinces))
      why.push(say('not-serving', { province: input.province }));
    if (rule.excludeProvinces && matches(input.province, rule.excludeProvinces))
      why.push(say('not-serving', { province: input.province }));
    if (input.codCents && !rule.cod) why.push(say('no-cod'));
    if (rule.maxWeightG !== undefined && chargeableG > rule.maxWeightG)
      why.push(say('over-weight', { grams: rule.maxWeightG }));
    if (rule.minWeightG !== undefined && chargeableG < rule.minWeightG)
      why.push(say('under-weight', { grams: rule.minWeightG }));
    return {
      carrier,
      eligible: why.length === 0,
      priceCents: price(rule, input.province, chargeableG, remote),
      chargeableG,
      why,
    };
  });
  const pick = (carrier: string, reason: string): Selection => {
    const c = candidates.find((x) => x.carrier === carrier);
    return {
      carrier,
      priceCents: c?.priceCents ?? null,
      reasons: [reason, ...(remote ? [say('remote', { province: input.province })] : [])],
      candidates,
    };
  };
  if (input.required) {
    if (input.available.includes(input.required))
      return pick(input.required, say('platform-requires', { carrier: input.required }));
    return {
      carrier: null,
      priceCents: null,
      reasons: [say('platform-requires-missing', { carrier: input.required })],
      candidates,
    };
  }
  const override = input.shop ? input.shopOverride[input.shop] : undefined;
  if (override && input.available.includes(override))
    return pick(override, say('shop-ships', { shop: input.shop!, carrier: override }));
  const eligible = candidates.filter((c) => c.eligible);
  if (eligible.length === 0)
    return {
      carrier: null,
      priceCents: null,
      reasons: [
        say('no-carrier'),
        ...candidates.map((c) => say('carrier-why', { carrier: c.carrier, why: c.why.join(', ') })),
      ],
      candidates,
    };
  const priced = eligible.filter((c) => c.priceCents !== null).sort((a, b) => a.priceCents! - b.priceCents!);
  if (priced.length === 0)
    return pick(
      eligible.some((c) => c.carrier === input.fallback) ? input.fallback : eligible[0]!.carrier,
      say('default-carrier'),
    );
  const best = priced[0]!;
  const others = priced.slice(1, 3).map((c) => `${c.carrier} ¥${(c.priceCents! / 100).toFixed(2)}`);
  const cheapest = { price: (best.priceCents! / 100).toFixed(2), kg: (best.chargeableG / 1000).toFixed(2) };
  return pick(
    best.carrier,
    others.length
      ? say('cheapest-vs', { ...cheapest, others: others.join(', ') })
      : say('cheapest', cheapest),
  );
}
