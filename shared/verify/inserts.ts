import type { InsertRequirement } from './box';

/** A rule that puts a flyer or gift (赠品) into boxes: by SKU in the order, by shop, or from an order value. */
export interface InsertRule {
  id: string;
  name: string;
  barcode?: string | null;
  weightG?: number;
  whenSku?: string;
  whenShop?: string;
  /** In cents: the order's value must be at least this. */
  minOrderValueCents?: number;
}

export interface InsertOrderFacts {
  shop: string | null;
  skus: readonly string[];
  orderValueCents: number | null;
}

/** The inserts an order gets: every rule whose conditions all hold (a rule with no condition applies to all). */
export function insertsFor(order: InsertOrderFacts, rules: readonly InsertRule[]): InsertRequirement[] {
  return rules
    .filter(
      (rule) =>
        (rule.whenSku === undefined || order.skus.includes(rule.whenSku)) &&
        (rule.whenShop === undefined || order.shop === rule.whenShop) &&
        (rule.minOrderValueCents === undefined || (order.orderValueCents ?? 0) >= rule.minOrderValueCents),
    )
    .map((rule) => ({
      id: rule.id,
      name: rule.name,
      barcode: rule.barcode ?? null,
      weightG: rule.weightG ?? 0,
    }));
}
