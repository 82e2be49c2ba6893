import type { OrderCustoms, OrderLineRow, ProductCustoms } from '../store';

/** One line of a customs declaration: what it is, where it was made, how many, what each is worth and weighs. */
export interface CustomsItem {
  sku: string;
  description: string | null;
  descriptionZh: string | null;
  hsCode: string | null;
  originCountry: string | null;
  qty: number;
  unitValueCents: number | null;
  currency: string | null;
  /** Net weight of the line (unit weight × qty), when the product's unit weight is known. */
  netWeightG: number | null;
  dangerousGoods: string | null;
}

/** What the bench declares for an order going abroad (built from the order's and its products' customs data). */
export interface Declaration {
  destination: string;
  incoterm: string | null;
  buyerTaxId: string | null;
  ioss: string | null;
  items: CustomsItem[];
  /** The one currency of the lines (null when they disagree or say none). */
  currency: string | null;
  totalValueCents: number;
  netWeightG: number;
}

/**
 * The declaration of an order, or null for a domestic one (no customs data, or the shipper's own country): a domestic
 * parcel asks for nothing more.
 */
export function declarationOf(
  o: {
    customs: OrderCustoms | null;
    lines: OrderLineRow[];
    products: Map<string, ProductCustoms>;
    unitWeights: Map<string, number | null>;
  },
  from: string,
): Declaration | null {
  const c = o.customs;
  if (!c || c.country === from) return null;
  const items = o.lines.map((l): CustomsItem => {
    const p = o.products.get(l.sku);
    const v = c.lines.find((x) => x.sku === l.sku);
    const unit = o.unitWeights.get(l.sku) ?? null;
    return {
      sku: l.sku,
      description: p?.nameEn ?? null,
      descriptionZh: p?.nameZh ?? l.name,
      hsCode: p?.hsCode ?? null,
      originCountry: p?.originCountry ?? null,
      qty: l.qty,
      unitValueCents: v?.valueCents ?? null,
      currency: v?.currency ?? null,
      netWeightG: unit === null ? null : unit * l.qty,
      dangerousGoods: p?.dangerousGoods ?? null,
    };
  });
  const currencies = new Set(items.map((i) => i.currency));
  return {
    destination: c.country,
    incoterm: c.incoterm,
    buyerTaxId: c.buyerTaxId,
    ioss: c.ioss,
    items,
    currency: currencies.size === 1 ? [...currencies][0]! : null,
    totalValueCents: items.reduce((n, i) => n + (i.unitValueCents ?? 0) * i.qty, 0),
    netWeightG: items.reduce((n, i) => n + (i.netWeightG ?? 0), 0),
  };
}
