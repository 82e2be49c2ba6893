import { describe, expect, it } from 'vitest';
import {
  allCounted,
  insertsFor,
  verifyScan,
  type Requirement,
  type ScanFacts,
  type VerifyInput,
} from './index';

const req = (over: Partial<Requirement> & Pick<Requirement, 'sku'>): Requirement => ({
  key: `${over.lineNo ?? 1}:${over.sku}`,
  lineNo: 1,
  name: over.sku,
  required: 1,
  serialRequired: false,
  unitWeightG: 100,
  image: null,
  kit: null,
  ...over,
});

const product = (sku: string, over: Partial<Extract<ScanFacts, { kind: 'product' }>> = {}): ScanFacts => ({
  kind: 'product',
  code: `code-${sku}`,
  sku,
  name: sku,
  packQty: 1,
  serial: null,
  batch: null,
  expiry: null,
  serialTaken: false,
  ...over,
});

const box = (
  requirements: Requirement[],
  counted: Record<string, number> = {},
  extra: Partial<VerifyInput> = {},
): VerifyInput => ({
  requirements,
  counted,
  boxSerials: [],
  awaitingSerialFor: null,
  today: '2026-11-29',
  ...extra,
});

const kitLines = (acceptKitBarcode: boolean) => [
  req({
    lineNo: 2,
    sku: 'CUP',
    required: 4,
    kit: { sku: 'GIFTSET', name: 'Gift set', perKit: 2, kitQty: 2, acceptKitBarcode },
  }),
  req({
    lineNo: 2,
    sku: 'LID',
    required: 2,
    kit: { sku: 'GIFTSET', name: 'Gift set', perKit: 1, kitQty: 2, acceptKitBarcode },
  }),
];

describe('verifyScan', () => {
  it.each<[string, VerifyInput, ScanFacts, object]>([
    [
      'right item',
      box([req({ sku: 'A', required: 2 })]),
      product('A'),
      { result: 'ok', allocations: [{ key: '1:A', qty: 1 }] },
    ],
    [
      'alias barcode resolves to the same SKU',
      box([req({ sku: 'A' })]),
      product('A', { code: 'ALIAS-A' }),
      { result: 'ok' },
    ],
    [
      'case pack adds its quantity',
      box([req({ sku: 'A', required: 12 })]),
      product('A', { packQty: 12 }),
      { result: 'ok', allocations: [{ key: '1:A', qty: 12 }] },
    ],
    [
      'case pack larger than what is left',
      box([req({ sku: 'A', required: 12 })], { '1:A': 6 }),
      product('A', { packQty: 12 }),
      { result: 'over-scan', required: 12, scanned: 6, adding: 12 },
    ],
    [
      'wrong item names what was expected',
      box([req({ sku: 'A' }), req({ lineNo: 2, sku: 'B' })], { '1:A': 1 }),
      product('Z'),
      { result: 'wrong-item', sku: 'Z', expected: ['B'] },
    ],
    [
      'over-scan',
      box([req({ sku: 'A' })], { '1:A': 1 }),
      product('A'),
      { result: 'over-scan', required: 1, scanned: 1, adding: 1 },
    ],
    [
      'unknown barcode',
      box([req({ sku: 'A' })]),
      { kind: 'unknown', code: '999' },
      { result: 'unknown-barcode', code: '999' },
    ],
    [
      'expired (GS1 17)',
      box([req({ sku: 'A' })]),
      product('A', { expiry: '2026-11-28' }),
      { result: 'expired', expiry: '2026-11-28' },
    ],
    [
      'expiring today is still ok',
      box([req({ sku: 'A' })]),
      product('A', { expiry: '2026-11-29' }),
      { result: 'ok' },
    ],
    [
      'serial-required item without serial asks for it',
      box([req({ sku: 'PHONE', serialRequired: true })]),
      product('PHONE'),
      { result: 'serial-needed', key: '1:PHONE' },
    ],
    [
      'serial captured',
      box([req({ sku: 'PHONE', serialRequired: true })]),
      product('PHONE', { serial: 'SN1' }),
      { result: 'ok', serial: 'SN1' },
    ],
    [
      'serial already shipped elsewhere',
      box([req({ sku: 'PHONE', serialRequired: true })]),
      product('PHONE', { serial: 'SN1', serialTaken: true }),
      { result: 'serial-duplicate', serial: 'SN1' },
    ],
    [
      'serial already in this box',
      box(
        [req({ sku: 'PHONE', required: 2, serialRequired: true })],
        { '1:PHONE': 1 },
        { boxSerials: [{ sku: 'PHONE', serial: 'SN1' }] },
      ),
      product('PHONE', { serial: 'SN1' }),
      { result: 'serial-duplicate' },
    ],
    [
      'kit satisfied by a component',
      box(kitLines(false)),
      product('CUP'),
      { result: 'ok', allocations: [{ key: '2:CUP', qty: 1 }] },
    ],
    [
      'kit barcode counts a whole kit where allowed',
      box(kitLines(true)),
      product('GIFTSET'),
      {
        result: 'ok',
        allocations: [
          { key: '2:CUP', qty: 2 },
          { key: '2:LID', qty: 1 },
        ],
      },
    ],
    [
      'kit barcode where not allowed is a wrong item',
      box(kitLines(false)),
      product('GIFTSET'),
      { result: 'wrong-item', sku: 'GIFTSET' },
    ],
    [
      'kit barcode once the components are in',
      box(kitLines(true), { '2:CUP': 3, '2:LID': 1 }),
      product('GIFTSET'),
      { result: 'over-scan' },
    ],
  ])('%s', (_name, input, facts, expected) => {
    expect(verifyScan(input, facts)).toMatchObject(expected);
  });

  it('allCounted only when every requirement is in full', () => {
    const lines = [req({ sku: 'A', required: 2 }), req({ lineNo: 2, sku: 'B' })];
    expect(allCounted(lines, { '1:A': 2 })).toBe(false);
    expect(allCounted(lines, { '1:A': 2, '2:B': 1 })).toBe(true);
  });
});

describe('insertsFor', () => {
  const rules = [
    { id: 'flyer', name: 'Flyer', whenShop: '旗舰店' },
    { id: 'gift', name: '赠品 keychain', barcode: 'GIFT-1', whenSku: 'A', weightG: 20 },
    { id: 'vip', name: 'VIP card', minOrderValueCents: 50_000 },
  ];
  it('applies rules by shop, SKU and order value', () => {
    const ids = (shop: string | null, skus: string[], value: number | null) =>
      insertsFor({ shop, skus, orderValueCents: value }, rules).map((i) => i.id);
    expect(ids('旗舰店', ['B'], 100)).toEqual(['flyer']);
    expect(ids('other', ['A'], 60_000)).toEqual(['gift', 'vip']);
    expect(ids(null, [], null)).toEqual([]);
    expect(insertsFor({ shop: null, skus: ['A'], orderValueCents: 0 }, rules)[0]).toEqual({
      id: 'gift',
      name: '赠品 keychain',
      barcode: 'GIFT-1',
      weightG: 20,
    });
  });
});
