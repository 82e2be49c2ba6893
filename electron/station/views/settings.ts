import type { Config } from '../../config';

/**
 * The bench's rules as the Settings page shows them: facts, not sentences. The page words them and formats money in
 * the packer's language.
 */
export function settingsView(c: Config, carriers: string[]) {
  const rules = c.carriers.rules as Record<
    string,
    { prices: { default: { firstCents: number; extraPerKgCents: number } } } | undefined
  >;
  return {
    weight: {
      toleranceGrams: c.weight.toleranceGrams,
      tolerancePercent: c.weight.tolerancePercent,
      nearZeroGrams: c.weight.nearZeroGrams,
      stableWindowMs: c.weight.stableWindowMs,
    },
    reasons: c.reasons,
    inserts: c.inserts.map((i) => ({
      id: i.id,
      name: i.name,
      barcode: i.barcode ?? null,
      whenSku: i.whenSku ?? null,
      whenShop: i.whenShop ?? null,
      minOrderValueCents: i.minOrderValueCents ?? null,
    })),
    carriers: carriers.map((name) => {
      const price = rules[name]?.prices.default ?? null;
      return {
        name,
        price: price && { firstCents: price.firstCents, extraPerKgCents: price.extraPerKgCents },
      };
    }),
    defaultCarrier: c.carriers.default,
  };
}
