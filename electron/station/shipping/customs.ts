import type { CustomsDeclaration } from '../../carriers';
import {
  customsProblems,
  declarationOf,
  documentOf,
  type CustomsProblem,
  type Declaration,
} from '../../customs';
import type { CustomsPaper } from '../../labels';
import type { OrderRow } from '../../store';
import { customsPaperOf } from '../printing';
import { CUSTOMS_PHRASES } from '../../../shared/words';
import type { ShippingContext } from './context';

/** Carriers that ship abroad: SF (international), ShipEngine, and Shopee's own logistics (its document declares). */
const ABROAD = new Set(['sf', 'shipengine', 'shopee']);

/** The declaration of an order (null: domestic), from the order's and its products' customs data at this bench. */
export function declarationFor(
  ctx: Pick<ShippingContext, 'repos' | 'config'>,
  order: OrderRow,
): Declaration | null {
  const { repos } = ctx;
  // A domestic order costs one indexed probe: no row, nothing more is read.
  const customs = repos.customs.ofOrder(order.id);
  if (!customs || customs.country === ctx.config.customs.from) return null;
  const lines = repos.orders.linesOf(order.id);
  const skus = lines.map((l) => l.sku);
  return declarationOf(
    {
      customs,
      lines,
      products: repos.customs.ofProducts(skus),
      unitWeights: new Map(skus.map((s) => [s, repos.products.bySku(s)?.unit_weight_g ?? null])),
    },
    ctx.config.customs.from,
  );
}

/** What blocks the declaration with this carrier, for a gross weight on the scale: [] when it may go. */
export function problemsOf(
  ctx: Pick<ShippingContext, 'config'>,
  d: Declaration,
  carrier: string,
  grossG: number,
): CustomsProblem[] {
  const c = ctx.config.customs;
  return customsProblems(d, grossG, carrier, {
    sdrRates: c.sdrRates,
    cn22LimitSdr: c.cn22LimitSdr,
    cn22Only: (c.cn22Only as string[]).includes(carrier),
    dangerousGoods: (c.dangerousGoods as string[]).includes(carrier),
    abroad: ABROAD.has(carrier),
  });
}

/** The problems in English phrases, one line (the refusal's text; screens word each phrase in their language). */
export const problemsText = (problems: CustomsProblem[]) =>
  problems.map((p) => CUSTOMS_PHRASES.say(p.code, p.params)).join('; ');

/**
 * Before booking: a domestic order asks nothing (null); an order abroad is declared and checked, and either goes with
 * its declaration or is refused with every problem a lead must fix.
 */
export function customsFor(
  ctx: Pick<ShippingContext, 'repos' | 'config'>,
  order: OrderRow,
  carrier: string,
  grossG: number,
): { declaration: CustomsDeclaration | null } | { problems: CustomsProblem[] } {
  const d = declarationFor(ctx, order);
  if (!d) return { declaration: null };
  const problems = problemsOf(ctx, d, carrier, grossG);
  if (problems.length > 0) return { problems };
  return { declaration: checkedDeclaration(ctx, d) };
}

/** A declaration its checks passed, as the carriers and the papers take it (every code, value and currency there). */
function checkedDeclaration(ctx: Pick<ShippingContext, 'config'>, d: Declaration): CustomsDeclaration {
  return {
    from: ctx.config.customs.from,
    destination: d.destination,
    incoterm: d.incoterm as 'DDU' | 'DDP' | null,
    buyerTaxId: d.buyerTaxId,
    ioss: d.ioss,
    document: documentOf(d, ctx.config.customs),
    currency: d.currency!,
    totalValueCents: d.totalValueCents,
    netWeightG: d.netWeightG,
    items: d.items.map((i) => ({
      sku: i.sku,
      description: i.description!,
      descriptionZh: i.descriptionZh,
      hsCode: i.hsCode!,
      originCountry: i.originCountry!,
      qty: i.qty,
      unitValueCents: i.unitValueCents!,
      currency: i.currency!,
      netWeightG: i.netWeightG,
      dangerousGoods: i.dangerousGoods,
    })),
  };
}

/**
 * The customs papers of an order as they stand (`label render --document invoice|cn23`, the screens): its booked
 * parcel's carrier, number and weight, or a preview with the default carrier before booking. Null: a domestic order.
 */
export function customsPaperForOrder(
  ctx: Pick<ShippingContext, 'repos' | 'config'>,
  order: OrderRow,
  now: Date,
): { paper: CustomsPaper } | { problems: CustomsProblem[] } | null {
  const d = declarationFor(ctx, order);
  if (!d) return null;
  const shipment = ctx.repos.shipments.latestBooked(order.id);
  const carrier = shipment?.carrier ?? ctx.config.carriers.default;
  const grossG = shipment?.weight_g ?? d.netWeightG;
  // Before booking the papers are a preview: which carrier takes the parcel abroad is the booking's question.
  const problems = problemsOf(ctx, d, carrier, grossG).filter(
    (p) => shipment || p.code !== 'customs-carrier',
  );
  if (problems.length > 0) return { problems };
  return {
    paper: customsPaperOf(ctx.config, order, checkedDeclaration(ctx, d), {
      carrier,
      waybillNo: shipment?.waybill_no ?? `PREVIEW${order.id}`,
      grossWeightG: grossG,
      date: now,
    }),
  };
}
