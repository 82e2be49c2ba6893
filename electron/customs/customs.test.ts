import { describe, expect, it } from 'vitest';
import { customsProblems, declarationOf, documentOf, isCountry, isCurrency, type CustomsRules } from '.';

const rules: CustomsRules = {
  sdrRates: { USD: 0.735, EUR: 0.853 },
  cn22LimitSdr: 300,
  cn22Only: false,
  dangerousGoods: false,
  abroad: true,
};
const line = (sku: string, qty = 1) => ({ line_no: 1, sku, name: sku, qty });
const product = (over: object = {}) => ({
  hsCode: '69120010',
  nameEn: 'Ceramic mug',
  nameZh: '陶瓷马克杯',
  originCountry: 'CN',
  dangerousGoods: null,
  ...over,
});
const declare = (o: {
  country?: string;
  values?: { valueCents: number | null; currency: string | null }[];
  products?: Record<string, object>;
  weights?: Record<string, number>;
  lines?: ReturnType<typeof line>[];
  incoterm?: string | null;
}) =>
  declarationOf(
    {
      customs: {
        country: o.country ?? 'US',
        buyerTaxId: null,
        ioss: null,
        incoterm: o.incoterm ?? 'DDU',
        lines: (o.values ?? [{ valueCents: 1250, currency: 'USD' }]).map((v, i) => ({
          sku: (o.lines ?? [line('MUG')])[i]!.sku,
          ...v,
        })),
      },
      lines: o.lines ?? [line('MUG')],
      products: new Map(Object.entries(o.products ?? { MUG: product() }).map(([k, v]) => [k, product(v)])),
      unitWeights: new Map(Object.entries(o.weights ?? { MUG: 350 })),
    },
    'CN',
  )!;

describe('a customs declaration', () => {
  it('knows ISO countries and currencies from ICU, and no grouping is a country', () => {
    expect(['US', 'DE', 'GB', 'HK', 'XK'].every(isCountry)).toBe(true);
    expect(['EU', 'UN', 'ZZ', 'XX', 'us', 'USA', ''].some(isCountry)).toBe(false);
    expect(['USD', 'EUR', 'CNY', 'JPY'].every(isCurrency)).toBe(true);
    expect(['RMB', 'usd', 'EURO', 'XYZ'].some(isCurrency)).toBe(false);
  });

  it('is none for a domestic order (no customs data, or the shipper’s own country)', () => {
    const base = { lines: [line('MUG')], products: new Map(), unitWeights: new Map() };
    expect(declarationOf({ ...base, customs: null }, 'CN')).toBeNull();
    expect(
      declarationOf(
        { ...base, customs: { country: 'CN', buyerTaxId: null, ioss: null, incoterm: null, lines: [] } },
        'CN',
      ),
    ).toBeNull();
  });

  it('a good one has no problem; CN22 up to 300 SDR, CN23 above', () => {
    const d = declare({});
    expect(customsProblems(d, 495, 'sf', rules)).toEqual([]);
    expect(documentOf(d, rules)).toBe('CN22');
    // 408.16 USD × 0.735 = 300.0 SDR: still CN22; a cent more is CN23.
    expect(documentOf(declare({ values: [{ valueCents: 40816, currency: 'USD' }] }), rules)).toBe('CN22');
    expect(documentOf(declare({ values: [{ valueCents: 40900, currency: 'USD' }] }), rules)).toBe('CN23');
  });

  it('names every problem a lead must fix', () => {
    const d = declare({
      country: 'XX',
      incoterm: 'FOB',
      lines: [line('A'), line('B', 2), line('C')],
      products: { A: { hsCode: null }, B: { hsCode: '12AB', nameEn: null, originCountry: 'EU' }, C: {} },
      values: [
        { valueCents: 0, currency: 'USD' },
        { valueCents: 500, currency: 'RMB' },
        { valueCents: 500, currency: 'EUR' },
      ],
      weights: { A: 300, B: 200, C: 100 },
    });
    expect(customsProblems(d, 700, 'sf', rules).map((p) => [p.code, p.params])).toEqual([
      ['customs-country', { country: 'XX' }],
      ['customs-incoterm', { incoterm: 'FOB' }],
      ['customs-hs-missing', { sku: 'A' }],
      ['customs-value', { sku: 'A' }],
      ['customs-hs-malformed', { sku: 'B', hs: '12AB' }],
      ['customs-description', { sku: 'B' }],
      ['customs-origin', { sku: 'B', origin: 'EU' }],
      ['customs-currency', { sku: 'B', currency: 'RMB' }],
      ['customs-currencies', { currencies: 'USD, EUR' }],
      ['customs-net-over-gross', { net: 800, gross: 700 }],
    ]);
  });

  it('a carrier that does not ship abroad, takes CN22 only, or refuses dangerous goods; a currency with no rate', () => {
    const big = declare({
      values: [{ valueCents: 90000, currency: 'USD' }],
      products: { MUG: { dangerousGoods: 'UN3481' } },
    });
    expect(
      customsProblems(big, 495, 'kdniao', { ...rules, abroad: false, cn22Only: true }).map((p) => p.code),
    ).toEqual(['customs-carrier', 'customs-dangerous', 'customs-cn22-limit']);
    expect(customsProblems(big, 495, 'sf', { ...rules, dangerousGoods: true })).toEqual([]);
    const yen = declare({ values: [{ valueCents: 100000, currency: 'JPY' }] });
    expect(customsProblems(yen, 495, 'sf', rules)).toEqual([
      { code: 'customs-no-rate', params: { currency: 'JPY' } },
    ]);
  });
});
