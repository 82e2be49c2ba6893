import { describe, expect, it } from 'vitest';
import { insertsFor, verifyScan, type Requirement, type ScanFacts } from './index';

const req = (over: Partial<Requirement> = {}): Requirement => ({
  key: '1:A',
  lineNo: 1,
  sku: 'A',
  name: 'A',
  required: 2,
  serialRequired: false,
  unitWeightG: 1,
  image: null,
  kit: null,
  ...over,
});
const facts = (over: Partial<Extract<ScanFacts, { kind: 'product' }>> = {}): ScanFacts => ({
  kind: 'product',
  code: 'c',
  sku: 'A',
  name: 'A',
  packQty: 1,
  serial: null,
  batch: null,
  expiry: null,
  serialTaken: false,
  ...over,
});
const input = (
  requirements: Requirement[],
  counted: Record<string, number> = {},
  boxSerials: { sku: string; serial: string }[] = [],
) => ({
  requirements,
  counted,
  boxSerials,
  awaitingSerialFor: null,
  today: '2026-11-30',
});

describe('verification at the edges', () => {
  it('a serial is a duplicate only for the same SKU in the box (or taken anywhere)', () => {
    const r = [req({ serialRequired: true })];
    expect(verifyScan(input(r, {}, [{ sku: 'B', serial: 'S1' }]), facts({ serial: 'S1' }))).toMatchObject({
      result: 'ok',
      serial: 'S1',
    });
    expect(verifyScan(input(r, {}, [{ sku: 'A', serial: 'S2' }]), facts({ serial: 'S1' }))).toMatchObject({
      result: 'ok',
    });
    expect(verifyScan(input(r, {}, [{ sku: 'A', serial: 'S1' }]), facts({ serial: 'S1' }))).toEqual({
      result: 'serial-duplicate',
      sku: 'A',
      serial: 'S1',
    });
    expect(verifyScan(input(r), facts({ serial: 'S9', serialTaken: true }))).toMatchObject({
      result: 'serial-duplicate',
    });
  });

  it('a kit barcode counts perKit × pack for each component and says the kits scanned when over', () => {
    const kit = { sku: 'K', name: 'K', perKit: 2, kitQty: 2, acceptKitBarcode: true };
    const r = [
      req({ key: '1:A', sku: 'A', required: 4, kit }),
      req({ key: '1:B', sku: 'B', required: 4, kit }),
    ];
    expect(verifyScan(input(r), facts({ sku: 'K' }))).toEqual({
      result: 'ok',
      sku: 'K',
      allocations: [
        { key: '1:A', qty: 2 },
        { key: '1:B', qty: 2 },
      ],
      serial: null,
    });
    expect(verifyScan(input(r), facts({ sku: 'K', packQty: 2 }))).toMatchObject({
      allocations: [
        { key: '1:A', qty: 4 },
        { key: '1:B', qty: 4 },
      ],
    });
    expect(verifyScan(input(r, { '1:A': 2, '1:B': 2 }), facts({ sku: 'K', packQty: 2 }))).toEqual({
      result: 'over-scan',
      sku: 'K',
      required: 2,
      scanned: 1,
      adding: 2,
    });
    expect(verifyScan(input(r, { '1:A': 2, '1:B': 2 }), facts({ sku: 'K' }))).toMatchObject({ result: 'ok' });
  });

  it('expired only before today; an expiry of today is fine', () => {
    expect(verifyScan(input([req()]), facts({ expiry: '2026-11-29' }))).toEqual({
      result: 'expired',
      sku: 'A',
      expiry: '2026-11-29',
    });
    expect(verifyScan(input([req()]), facts({ expiry: '2026-11-30' }))).toMatchObject({ result: 'ok' });
  });

  it('an unknown code keeps its reason only when it has one', () => {
    expect(verifyScan(input([req()]), { kind: 'unknown', code: 'X' })).toEqual({
      result: 'unknown-barcode',
      code: 'X',
    });
    expect(verifyScan(input([req()]), { kind: 'unknown', code: 'X', reason: 'bad GS1' })).toEqual({
      result: 'unknown-barcode',
      code: 'X',
      reason: 'bad GS1',
    });
  });
});

describe('inserts', () => {
  const rule = { id: 'gift', name: 'Gift', minOrderValueCents: 10_000 };
  it('an order value exactly at the minimum gets the insert; one cent under does not', () => {
    expect(insertsFor({ skus: [], shop: null, orderValueCents: 10_000 }, [rule])).toEqual([
      { id: 'gift', name: 'Gift', barcode: null, weightG: 0 },
    ]);
    expect(insertsFor({ skus: [], shop: null, orderValueCents: 9_999 }, [rule])).toEqual([]);
    expect(insertsFor({ skus: [], shop: null, orderValueCents: null }, [rule])).toEqual([]);
  });
});
