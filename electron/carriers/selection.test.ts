import { describe, expect, it } from 'vitest';
import { chargeableWeight, selectCarrier, type SelectionInput } from './selection';

const base: SelectionInput = {
  province: '浙江省',
  shop: null,
  codCents: null,
  required: null,
  weightG: 1500,
  dimsMm: null,
  available: ['pool', 'sf', 'kdniao'],
  rules: {
    pool: {
      prices: {
        default: { firstCents: 500, extraPerKgCents: 200 },
        byProvince: { 新疆: { firstCents: 2000, extraPerKgCents: 1500 } },
      },
      excludeProvinces: ['西藏'],
    },
    sf: {
      cod: true,
      prices: { default: { firstCents: 1200, extraPerKgCents: 300 } },
      remoteSurchargeCents: 1000,
    },
    kdniao: { maxWeightG: 1000, prices: { default: { firstCents: 400, extraPerKgCents: 100 } } },
  },
  shopOverride: { 旗舰店: 'sf' },
  remoteProvinces: ['新疆', '西藏', '青海', '内蒙古', '宁夏', '甘肃', '海南'],
  fallback: 'pool',
};

describe('carrier selection', () => {
  it.each<[string, Partial<SelectionInput>, string | null, RegExp]>([
    ['cheapest eligible (kdniao is over its weight band)', {}, 'pool', /cheapest: ¥7\.00 for 1\.50 kg/],
    ['light box: kdniao is cheapest', { weightG: 800 }, 'kdniao', /cheapest: ¥4\.00/],
    ['platform mandate wins', { required: 'sf' }, 'sf', /platform requires sf/],
    ['mandate not available here', { required: 'ems' }, null, /not set up/],
    ['shop override', { shop: '旗舰店' }, 'sf', /shop 旗舰店 ships with sf/],
    ['COD only with a carrier that collects', { codCents: 9900 }, 'sf', /cheapest/],
    ['a province a carrier does not serve', { province: '西藏自治区', weightG: 800 }, 'kdniao', /cheapest/],
    [
      'remote province price table and surcharge',
      { province: '新疆维吾尔自治区', codCents: 100 },
      'sf',
      /新疆维吾尔自治区 is remote/,
    ],
  ])('%s', (_name, over, carrier, reason) => {
    const s = selectCarrier({ ...base, ...over });
    expect(s.carrier).toBe(carrier);
    expect(s.reasons.join(' | ')).toMatch(reason);
  });

  it('prices 首重/续重 per province on the chargeable weight', () => {
    const s = selectCarrier({ ...base, province: '新疆维吾尔自治区', weightG: 2500, available: ['pool'] });
    expect(s.priceCents).toBe(2000 + 2 * 1500);
  });

  it('chargeable weight is max(actual, L×W×H / divisor)', () => {
    expect(chargeableWeight(500, [400, 300, 200], 6000)).toBe(4000);
    expect(chargeableWeight(5000, [400, 300, 200], 6000)).toBe(5000);
    expect(chargeableWeight(500, null, 6000)).toBe(500);
  });

  it('when nobody can take the box it says why for each', () => {
    const s = selectCarrier({ ...base, available: ['kdniao'], weightG: 5000 });
    expect(s.carrier).toBeNull();
    expect(s.reasons).toContain('kdniao: over 1000 g');
  });
});

describe('carrier selection, exactly', () => {
  it('says why each carrier was left out, word for word', () => {
    const s = selectCarrier({
      ...base,
      province: '西藏自治区',
      codCents: 100,
      weightG: 1500,
      rules: {
        pool: { ...base.rules.pool!, cod: true },
        sf: { provinces: ['广东'], prices: base.rules.sf!.prices },
        kdniao: { ...base.rules.kdniao!, minWeightG: 2000 },
      },
    });
    expect(s).toMatchObject({ carrier: null, priceCents: null });
    expect(s.reasons).toEqual([
      'no carrier can take this box',
      'pool: does not serve 西藏自治区',
      'sf: does not serve 西藏自治区, no cash on delivery',
      'kdniao: no cash on delivery, over 1000 g, under 2000 g',
    ]);
  });

  it('a weight exactly at a band edge is inside it; a province matches by its start either way', () => {
    const rules = { kdniao: { maxWeightG: 1000, minWeightG: 500, prices: base.rules.kdniao!.prices } };
    const one = (weightG: number, province = '浙江省') =>
      selectCarrier({ ...base, available: ['kdniao'], rules, weightG, province }).carrier;
    expect([one(1000), one(500), one(1001), one(499)]).toEqual(['kdniao', 'kdniao', null, null]);
    const served = { kdniao: { provinces: ['浙江省杭州'], prices: base.rules.kdniao!.prices } };
    expect(
      selectCarrier({ ...base, available: ['kdniao'], rules: served, weightG: 800, province: '浙江省' })
        .carrier,
    ).toBe('kdniao');
    expect(
      selectCarrier({ ...base, available: ['kdniao'], rules: served, weightG: 800, province: '江苏省' })
        .carrier,
    ).toBeNull();
  });

  it('without price tables the fallback goes if it can, else the first that can; a carrier without rules has no price', () => {
    const noPrices = selectCarrier({ ...base, rules: {}, fallback: 'sf' });
    expect(noPrices).toMatchObject({
      carrier: 'sf',
      priceCents: null,
      reasons: ['default carrier (no price tables)'],
    });
    expect(noPrices.candidates.map((c) => [c.carrier, c.why])).toEqual([
      ['pool', ['no price table']],
      ['sf', ['no price table']],
      ['kdniao', ['no price table']],
    ]);
    expect(selectCarrier({ ...base, rules: {}, fallback: 'ems' }).carrier).toBe('pool');
  });

  it('names the next two cheaper alternatives with their prices, and a remote province in the reasons', () => {
    const s = selectCarrier({
      ...base,
      weightG: 800,
      province: '新疆维吾尔自治区',
      rules: { ...base.rules, kdniao: { prices: base.rules.kdniao!.prices } },
    });
    expect(s.carrier).toBe('kdniao');
    expect(s.reasons).toEqual([
      'cheapest: ¥4.00 for 0.80 kg (vs sf ¥22.00, pool ¥20.00)'.replace(
        'sf ¥22.00, pool ¥20.00',
        'pool ¥20.00, sf ¥22.00',
      ),
      '新疆维吾尔自治区 is remote',
    ]);
    expect(s.priceCents).toBe(400);
  });
});
