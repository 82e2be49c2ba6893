import { refuse, type Feedback } from '../../../shared/contract';
import type { OrderCustoms, ProductCustoms } from '../../store';
import type { Bench } from '../bench';
import { draft } from '../feedback';
import { declarationFor, problemsOf, problemsText } from '../shipping';

interface FixLine {
  sku: string;
  hsCode: string | null;
  nameEn: string | null;
  nameZh: string | null;
  originCountry: string | null;
  dangerousGoods: string | null;
  value: number | null;
  currency: string | null;
}

function orderAbroad(b: Bench, orderNo: string) {
  const found = b.repos.orders.findByCode(orderNo);
  if (!found) throw refuse('order-unknown', { orderNo });
  const d = declarationFor(b, found.order);
  if (!d) throw refuse('customs-domestic', { orderNo });
  return { order: found.order, declaration: d };
}

/** An order abroad as declared now, line by line, with what blocks it (the open box's last refusal, else a check). */
export function customsDeclaration(b: Bench, p: { orderNo: string }) {
  const { order, declaration: d } = orderAbroad(b, p.orderNo);
  const lines = b.repos.orders.linesOf(order.id);
  const products = b.repos.customs.ofProducts(lines.map((l) => l.sku));
  const box = b.pack.box;
  const refused = box?.order.orderNo === order.order_no ? b.shipping.customsBlockedFor(box.sessionId) : null;
  const problems =
    refused ??
    problemsText(problemsOf(b, d, b.config.carriers.default, box?.weighing?.grams ?? d.netWeightG));
  return {
    orderNo: order.order_no,
    country: d.destination,
    incoterm: d.incoterm,
    buyerTaxId: d.buyerTaxId,
    ioss: d.ioss,
    lines: lines.map((l) => {
      const pc = products.get(l.sku);
      const item = d.items.find((i) => i.sku === l.sku);
      return {
        sku: l.sku,
        name: l.name ?? l.sku,
        qty: l.qty,
        hsCode: pc?.hsCode ?? null,
        nameEn: pc?.nameEn ?? null,
        nameZh: pc?.nameZh ?? null,
        originCountry: pc?.originCountry ?? null,
        dangerousGoods: pc?.dangerousGoods ?? null,
        value: item?.unitValueCents == null ? null : item.unitValueCents / 100,
        currency: item?.currency ?? null,
      };
    }),
    problems,
  };
}

/**
 * A lead fixes an order's declaration (PIN): the products' customs data and the order's in one transaction with an
 * audit row of what was there before; in a warehouse for every bench too. The open box of that order books at once.
 */
export async function fixCustoms(
  b: Bench,
  p: {
    orderNo: string;
    country: string;
    incoterm: 'DDU' | 'DDP' | null;
    buyerTaxId: string | null;
    ioss: string | null;
    lines: FixLine[];
    lead: string;
    pin: string;
  },
): Promise<Feedback> {
  const user = b.people.lead(p.lead, p.pin);
  const { order } = orderAbroad(b, p.orderNo);
  const skus = new Set(b.repos.orders.linesOf(order.id).map((l) => l.sku));
  for (const l of p.lines)
    if (!skus.has(l.sku)) throw refuse('customs-lines', { sku: l.sku, orderNo: p.orderNo });
  const declared: OrderCustoms = {
    country: p.country,
    buyerTaxId: p.buyerTaxId || null,
    ioss: p.ioss || null,
    incoterm: p.incoterm,
    lines: p.lines.map((l) => ({
      sku: l.sku,
      valueCents: l.value === null ? null : Math.round(l.value * 100),
      currency: l.currency,
    })),
  };
  const products = new Map<string, ProductCustoms>(
    p.lines.map((l) => [
      l.sku,
      {
        // HS codes are written with dots and spaces; the digits are the code.
        hsCode: l.hsCode ? l.hsCode.replace(/[^0-9A-Za-z]/g, '').toUpperCase() : null,
        nameEn: l.nameEn || null,
        nameZh: l.nameZh || null,
        originCountry: l.originCountry,
        dangerousGoods: l.dangerousGoods ? l.dangerousGoods.toUpperCase() : null,
      },
    ]),
  );
  const before = {
    order: b.repos.customs.ofOrder(order.id),
    products: Object.fromEntries(b.repos.customs.ofProducts([...products.keys()])),
  };
  // The warehouse first: a fix that cannot reach the other benches is refused in words, and nothing changes here.
  if (b.link) await b.link.reach((w) => w.writeCustoms(order.order_no, declared, products));
  b.repos.transaction(() => {
    b.repos.customs.setOrder(order.id, declared);
    for (const [sku, c] of products) b.repos.customs.setProduct(sku, c);
    b.repos.audit.add({
      at: b.now().toISOString(),
      who: user.name,
      action: 'customs.fix',
      detail: {
        orderNo: order.order_no,
        before,
        after: { order: declared, products: Object.fromEntries(products) },
      },
    });
  });
  const box = b.pack.box;
  if (box?.order.orderNo === order.order_no && box.weightApproved && !box.shipment)
    return b.announce(await b.shipping.book());
  return b.announce(draft('done', 'customs-fixed', { orderNo: order.order_no }));
}
