import { describe, expect, it } from 'vitest';
import {
  checkWeight,
  learnedCheck,
  PlacementTracker,
  skuSetKey,
  StabilityWindow,
  suggestBox,
  type WeightRules,
} from './index';

const rules: WeightRules = {
  toleranceGrams: 50,
  tolerancePercent: 5,
  bySku: { FRAGILE: { grams: 200 } },
  byCategory: { 液体: { percent: 10 } },
};
const line = (sku: string, qty: number, unitWeightG: number | null, category: string | null = null) => ({
  sku,
  qty,
  unitWeightG,
  category,
});

describe('checkWeight', () => {
  it.each([
    ['exact', 1000, 'ok', 0],
    ['within 50 g', 1049, 'ok', 49],
    ['over by more than 50 g', 1051, 'over', 51],
    ['under', 940, 'under', -60],
  ])('%s: 2 × 400 g + 150 g tare + 50 g insert vs %i g → %s', (_n, actual, verdict, diff) => {
    expect(
      checkWeight({ lines: [line('A', 2, 400)], tareG: 150, insertsG: 50, actualG: actual, rules }),
    ).toMatchObject({ verdict, expectedG: 1000, differenceG: diff, toleranceG: 50 });
  });
  it('percent wins over grams on heavy boxes', () => {
    expect(
      checkWeight({ lines: [line('A', 10, 1000)], tareG: 0, insertsG: 0, actualG: 10_400, rules }),
    ).toMatchObject({ toleranceG: 500, verdict: 'ok' });
  });
  it('a SKU or category rule widens the tolerance for its box', () => {
    expect(
      checkWeight({
        lines: [line('A', 1, 400), line('FRAGILE', 1, 100)],
        tareG: 0,
        insertsG: 0,
        actualG: 650,
        rules,
      }),
    ).toMatchObject({ toleranceG: 200, verdict: 'ok' });
    expect(
      checkWeight({ lines: [line('OIL', 1, 2000, '液体')], tareG: 0, insertsG: 0, actualG: 2150, rules }),
    ).toMatchObject({ toleranceG: 200, verdict: 'ok' });
  });
  it('missing unit weights make the check say so instead of passing', () => {
    expect(
      checkWeight({
        lines: [line('A', 1, 400), line('LAMP', 1, null)],
        tareG: 0,
        insertsG: 0,
        actualG: 400,
        rules,
      }),
    ).toMatchObject({ verdict: 'unknown', missingWeights: ['LAMP'] });
  });
});

describe('learnedCheck', () => {
  it('needs 3 earlier boxes, warns past 5 % and 2σ', () => {
    expect(learnedCheck([1000, 1010], 1500)).toBeNull();
    expect(learnedCheck([1000, 1010, 990, 1005], 1004)).toMatchObject({ warn: false, n: 4 });
    expect(learnedCheck([1000, 1010, 990, 1005], 1100)).toMatchObject({ warn: true, meanG: 1001 });
    // Wide history: 10 % off is within 2σ.
    expect(learnedCheck([800, 1200, 1000, 900, 1100], 1100)!.warn).toBe(false);
  });
  it('keys boxes by their SKU set', () => {
    expect(
      skuSetKey([
        { sku: 'B', qty: 1 },
        { sku: 'A', qty: 2 },
        { sku: 'C', qty: 0 },
      ]),
    ).toBe('A*2;B*1');
  });
});

describe('StabilityWindow (scales without a flag)', () => {
  it('stable after 500 ms within ±1 division; a jump starts over', () => {
    const w = new StabilityWindow(500);
    const s = (grams: number, at: number) => w.push({ grams, stable: null, divisionG: 10, at });
    expect(s(1000, 0)).toBe(false);
    expect(s(1010, 200)).toBe(false);
    expect(s(1000, 499)).toBe(false);
    expect(s(1000, 500)).toBe(true);
    expect(s(1100, 600)).toBe(false);
    expect(s(1100, 1100)).toBe(true);
  });
  it('uses the protocol flag where there is one', () => {
    const w = new StabilityWindow();
    expect(w.push({ grams: 5, stable: true, divisionG: 1, at: 0 })).toBe(true);
    expect(w.push({ grams: 5, stable: false, divisionG: 1, at: 10_000 })).toBe(false);
  });
});

describe('PlacementTracker', () => {
  it('the previous box’s weight is never reused; a box already on the scale is read', () => {
    const p = new PlacementTracker(20);
    p.push(1200);
    expect(p.fresh()).toBe(1); // already on the scale when weighing starts
    p.consume(1);
    p.push(1200);
    expect(p.fresh()).toBeNull(); // same box still there: not the next box's weight
    p.push(5); // lifted
    expect(p.fresh()).toBeNull();
    p.push(800); // next box placed
    expect(p.fresh()).toBe(2);
  });
  it('a negative reading counts as an empty scale', () => {
    const p = new PlacementTracker();
    p.push(500);
    p.consume(1);
    p.push(null);
    p.push(700);
    expect(p.fresh()).toBe(2);
  });
});

describe('suggestBox', () => {
  const boxes = [
    { code: 'BOX-L', name: 'L', tareG: 300, inner: [400, 300, 250] as [number, number, number] },
    { code: 'BOX-S', name: 'S', tareG: 100, inner: [200, 150, 100] as [number, number, number] },
    { code: 'BOX-M', name: 'M', tareG: 180, inner: [300, 200, 150] as [number, number, number] },
  ];
  it('picks the smallest box that fits each item and the total volume', () => {
    expect(suggestBox([{ dims: [150, 100, 50], qty: 1 }], boxes)?.code).toBe('BOX-S');
    expect(suggestBox([{ dims: [150, 100, 50], qty: 4 }], boxes)?.code).toBe('BOX-M');
    expect(suggestBox([{ dims: [350, 50, 50], qty: 1 }], boxes)?.code).toBe('BOX-L');
    expect(suggestBox([{ dims: [500, 50, 50], qty: 1 }], boxes)).toBeNull();
  });
});
