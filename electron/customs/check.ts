import { isCountry, isCurrency, isHsCode } from './codes';
import type { Declaration } from './declaration';

/** Why a declaration cannot go to the carrier, in words a lead can act on (each a phrase in both languages). */
export interface CustomsProblem {
  code:
    | 'customs-country'
    | 'customs-carrier'
    | 'customs-hs-missing'
    | 'customs-hs-malformed'
    | 'customs-description'
    | 'customs-origin'
    | 'customs-value'
    | 'customs-currency'
    | 'customs-currencies'
    | 'customs-incoterm'
    | 'customs-net-over-gross'
    | 'customs-no-rate'
    | 'customs-cn22-limit'
    | 'customs-dangerous';
  params: Record<string, string | number>;
}

export interface CustomsRules {
  /** SDR per unit of each currency, for the CN22 limit. */
  sdrRates: Record<string, number>;
  /** CN22 up to this many SDR; above it a CN23. */
  cn22LimitSdr: number;
  /** The carrier takes CN22 only (a service with no CN23): over the limit the box cannot go with it. */
  cn22Only: boolean;
  /** The carrier and service take dangerous goods (UN3481 …). */
  dangerousGoods: boolean;
  /** The carrier ships abroad at all (SF international, ShipEngine, a platform's own logistics). */
  abroad: boolean;
}

/** CN22 up to the limit, CN23 above it (UPU). */
export function documentOf(
  d: Declaration,
  rules: Pick<CustomsRules, 'sdrRates' | 'cn22LimitSdr'>,
): 'CN22' | 'CN23' {
  const sdr = valueSdr(d, rules.sdrRates);
  return sdr !== null && sdr <= rules.cn22LimitSdr ? 'CN22' : 'CN23';
}

export function valueSdr(d: Declaration, rates: Record<string, number>): number | null {
  const rate = d.currency ? rates[d.currency] : undefined;
  return rate === undefined ? null : (d.totalValueCents / 100) * rate;
}

/**
 * Everything wrong with a declaration before booking: codes missing or malformed, values, currencies, countries, a
 * net weight above what the scale weighed, the CN22 limit for a CN22-only service, dangerous goods a carrier refuses.
 * Empty: the declaration may go.
 */
export function customsProblems(
  d: Declaration,
  grossWeightG: number,
  carrier: string,
  rules: CustomsRules,
): CustomsProblem[] {
  const out: CustomsProblem[] = [];
  const add = (code: CustomsProblem['code'], params: CustomsProblem['params'] = {}) =>
    out.push({ code, params });
  if (!rules.abroad) add('customs-carrier', { carrier });
  if (!isCountry(d.destination)) add('customs-country', { country: d.destination });
  if (d.incoterm !== null && d.incoterm !== 'DDU' && d.incoterm !== 'DDP')
    add('customs-incoterm', { incoterm: d.incoterm });
  for (const i of d.items) {
    if (!i.hsCode) add('customs-hs-missing', { sku: i.sku });
    else if (!isHsCode(i.hsCode)) add('customs-hs-malformed', { sku: i.sku, hs: i.hsCode });
    if (!i.description) add('customs-description', { sku: i.sku });
    if (!isCountry(i.originCountry)) add('customs-origin', { sku: i.sku, origin: i.originCountry ?? '-' });
    if (i.unitValueCents === null || i.unitValueCents <= 0) add('customs-value', { sku: i.sku });
    if (!isCurrency(i.currency)) add('customs-currency', { sku: i.sku, currency: i.currency ?? '-' });
    if (i.dangerousGoods && !rules.dangerousGoods)
      add('customs-dangerous', { sku: i.sku, un: i.dangerousGoods, carrier });
  }
  const currencies = new Set(d.items.map((i) => i.currency).filter(isCurrency));
  if (currencies.size > 1) add('customs-currencies', { currencies: [...currencies].join(', ') });
  if (d.netWeightG > grossWeightG) add('customs-net-over-gross', { net: d.netWeightG, gross: grossWeightG });
  if (d.currency && isCurrency(d.currency)) {
    const sdr = valueSdr(d, rules.sdrRates);
    if (sdr === null) add('customs-no-rate', { currency: d.currency });
    else if (rules.cn22Only && sdr > rules.cn22LimitSdr)
      add('customs-cn22-limit', { sdr: Math.round(sdr), limit: rules.cn22LimitSdr, carrier });
  }
  return out;
}
