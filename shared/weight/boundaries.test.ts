import { describe, expect, it } from 'vitest';
import { checkWeight, learnedCheck, PlacementTracker, StabilityWindow, suggestBox } from './index';

// Each limit the README states, tested on both sides of its edge (found by mutation testing).
describe('weight check at the edges of the tolerance', () => {
  const rules = { toleranceGrams: 50, tolerancePercent: 0 };
  const line = (qty: number, unitWeightG: number | null = 100) => ({
    sku: 'A',
    qty,
    unitWeightG,
    category: null,
  });
  const check = (actualG: number) =>
    checkWeight({ lines: [line(3)], tareG: 40, insertsG: 10, actualG, rules });
  it('expected = Σ unit × qty + tare + inserts; exactly at ± tolerance is ok, one gram past is not', () => {
    expect(check(350)).toMatchObject({ expectedG: 350, differenceG: 0, toleranceG: 50, verdict: 'ok' });
    expect(check(400).verdict).toBe('ok');
    expect(check(401).verdict).toBe('over');
    expect(check(300).verdict).toBe('ok');
    expect(check(299).verdict).toBe('under');
  });
  it('a line of quantity 0 without a weight does not make the check unknown; one with quantity does', () => {
    const lines = [line(1), { ...line(0, null), sku: 'B' }];
    expect(checkWeight({ lines, tareG: 0, insertsG: 0, actualG: 100, rules }).verdict).toBe('ok');
    expect(
      checkWeight({
        lines: [line(1), { ...line(1, null), sku: 'B' }],
        tareG: 0,
        insertsG: 0,
        actualG: 100,
        rules,
      }),
    ).toMatchObject({
      verdict: 'unknown',
      missingWeights: ['B'],
    });
  });
});

describe('learned check', () => {
  it('warns only past both 5 % of the mean and 2σ', () => {
    // mean 1000, sd 10 (sample): 2σ = 20, 5 % = 50.
    const h = [990, 1000, 1010];
    expect(learnedCheck(h, 1050)).toEqual({ warn: false, meanG: 1000, sdG: 10, n: 3 });
    expect(learnedCheck(h, 1051)!.warn).toBe(true);
    expect(learnedCheck(h, 949)!.warn).toBe(true);
    // Wide spread: 2σ above 5 %: still no warning at 6 %.
    expect(learnedCheck([900, 1000, 1100], 1060)!.warn).toBe(false);
    expect(learnedCheck([1000, 1000], 2000)).toBeNull();
    expect(learnedCheck([1000, 1000, 1000, 1000], 1060)).toEqual({ warn: true, meanG: 1000, sdG: 0, n: 4 });
  });
});

describe('stability window and placements', () => {
  it('stable after the window within ±1 division (2 divisions apart still counts), a wider swing restarts it', () => {
    const w = new StabilityWindow(500);
    const s = (grams: number, at: number) => w.push({ grams, stable: null, divisionG: 5, at });
    expect(s(1000, 0)).toBe(false);
    expect(s(1010, 499)).toBe(false);
    expect(s(1000, 500)).toBe(true);
    expect(s(1011, 600)).toBe(false); // 11 g apart > 2 × 5: a new run starts at 600
    expect(s(1011, 1099)).toBe(false);
    expect(s(1011, 1100)).toBe(true);
    expect(w.push({ grams: 5, stable: true, divisionG: 5, at: 1200 })).toBe(true); // the scale's own flag
    expect(w.push({ grams: 5, stable: false, divisionG: 5, at: 1300 })).toBe(false);
    expect(s(5, 1301)).toBe(false); // after a flagged frame the run starts again
  });
  it('at or below the near-zero limit the platter is empty; a new placement starts above it', () => {
    const p = new PlacementTracker(20);
    p.push(20);
    expect([p.isEmpty, p.fresh()]).toEqual([true, null]);
    p.push(21);
    expect([p.isEmpty, p.fresh()]).toEqual([false, 1]);
    p.consume(1);
    expect(p.fresh()).toBeNull();
    p.push(null);
    p.push(500);
    expect(p.fresh()).toBe(2);
  });
});

describe('box suggestion at the edges', () => {
  const boxes = [
    { code: 'S', name: 'S', tareG: 100, inner: [200, 100, 100] as [number, number, number] },
    { code: 'M', name: 'M', tareG: 200, inner: [300, 200, 100] as [number, number, number] },
    { code: 'NONE', name: 'no size', tareG: 50, inner: null },
  ];
  it('an item exactly as long as the box fits, in any orientation; the volume may fill 80 %', () => {
    expect(suggestBox([{ dims: [100, 200, 100], qty: 1 }], boxes)?.code).toBe('M'); // 2,000,000 > 80 % of S
    expect(suggestBox([{ dims: [200, 100, 80], qty: 1 }], boxes)?.code).toBe('S'); // exactly 80 % of S
    expect(suggestBox([{ dims: [201, 10, 10], qty: 1 }], boxes)?.code).toBe('M');
    expect(suggestBox([{ dims: [100, 100, 40], qty: 4 }], boxes)?.code).toBe('S'); // 4 × 400,000 = 80 % of S
    expect(suggestBox([{ dims: [100, 100, 40], qty: 5 }], boxes)?.code).toBe('M');
    expect(
      suggestBox(
        [
          { dims: [100, 100, 40], qty: 0 },
          { dims: null, qty: 3 },
        ],
        boxes,
      )?.code,
    ).toBe('S');
    expect(suggestBox([{ dims: [301, 10, 10], qty: 1 }], boxes)).toBeNull();
    // The smallest by volume wins whatever the list order.
    expect(suggestBox([{ dims: [10, 10, 10], qty: 1 }], [...boxes].reverse())?.code).toBe('S');
  });
});
