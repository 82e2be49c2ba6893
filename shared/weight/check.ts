export interface ToleranceRule {
  grams?: number;
  percent?: number;
}

export interface WeightRules {
  toleranceGrams: number;
  tolerancePercent: number;
  bySku?: Record<string, ToleranceRule>;
  byCategory?: Record<string, ToleranceRule>;
}

export interface WeighedLine {
  sku: string;
  qty: number;
  unitWeightG: number | null;
  category: string | null;
}

export interface WeightCheck {
  verdict: 'under' | 'ok' | 'over' | 'unknown';
  expectedG: number;
  actualG: number;
  /** actual − expected */
  differenceG: number;
  toleranceG: number;
  /** SKUs in the box without a unit weight: the check cannot be trusted and says so. */
  missingWeights: string[];
}

/**
 * expected = Σ unit weight × qty + box tare + insert weights; tolerance = max(grams, percent of expected), from the
 * most lenient rule that applies to any SKU in the box (its own, its category's, else the global one).
 */
export function checkWeight(input: {
  lines: WeighedLine[];
  tareG: number;
  insertsG: number;
  actualG: number;
  rules: WeightRules;
}): WeightCheck {
  const { lines, tareG, insertsG, actualG, rules } = input;
  const missingWeights = [
    ...new Set(lines.filter((l) => l.qty > 0 && l.unitWeightG === null).map((l) => l.sku)),
  ];
  const expectedG = lines.reduce((g, l) => g + (l.unitWeightG ?? 0) * l.qty, 0) + tareG + insertsG;
  const applicable: ToleranceRule[] = [{ grams: rules.toleranceGrams, percent: rules.tolerancePercent }];
  for (const l of lines) {
    const own = rules.bySku?.[l.sku] ?? (l.category ? rules.byCategory?.[l.category] : undefined);
    if (own) applicable.push(own);
  }
  const toleranceG = Math.round(
    Math.max(...applicable.map((r) => Math.max(r.grams ?? 0, ((r.percent ?? 0) / 100) * expectedG))),
  );
  const differenceG = actualG - expectedG;
  const verdict =
    missingWeights.length > 0
      ? 'unknown'
      : differenceG > toleranceG
        ? 'over'
        : differenceG < -toleranceG
          ? 'under'
          : 'ok';
  return { verdict, expectedG, actualG, differenceG, toleranceG, missingWeights };
}

export interface LearnedCheck {
  warn: boolean;
  meanG: number;
  sdG: number;
  n: number;
}

/**
 * From earlier boxes with the same SKU set: a weight more than 5 % and more than 2σ from their mean is worth a look
 * (a warning, never a block). Needs at least 3 earlier boxes.
 */
export function learnedCheck(history: readonly number[], actualG: number): LearnedCheck | null {
  if (history.length < 3) return null;
  const n = history.length;
  const meanG = history.reduce((a, b) => a + b, 0) / n;
  const sdG = Math.sqrt(history.reduce((a, b) => a + (b - meanG) ** 2, 0) / (n - 1));
  const off = Math.abs(actualG - meanG);
  return { warn: off > 0.05 * meanG && off > 2 * sdG, meanG: Math.round(meanG), sdG: Math.round(sdG), n };
}

/** The key boxes share when they hold the same SKUs in the same quantities. */
export const skuSetKey = (lines: readonly { sku: string; qty: number }[]) =>
  lines
    .filter((l) => l.qty > 0)
    .map((l) => `${l.sku}*${l.qty}`)
    .sort()
    .join(';');
