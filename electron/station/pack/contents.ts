import type { ScanReading } from '../../../shared/scan';
import { insertsFor, type Requirement, type ScanFacts } from '../../../shared/verify';
import type { OrderRow } from '../../store';
import type { PackContext } from './context';
import type { BoxState } from './box';

const dimsOf = (
  p: { length_mm: number | null; width_mm: number | null; height_mm: number | null } | null,
): [number, number, number] | null =>
  p && p.length_mm && p.width_mm && p.height_mm ? [p.length_mm, p.width_mm, p.height_mm] : null;

/** The codes a scan may be an item by: its GTIN written three ways for a GS1 scan, else the code as scanned. */
export function itemCodes(reading: ScanReading): string[] {
  if (reading.kind === 'command') return [];
  if (reading.kind === 'gs1' && reading.gs1.gtin) {
    const gtin = reading.gs1.gtin;
    return [gtin, gtin.replace(/^0+/, ''), gtin.slice(1)];
  }
  return [reading.code];
}

/** The product a scan is, and how many units it counts for (a case pack counts its units); null when none. */
export function itemOf(
  ctx: Pick<PackContext, 'repos'>,
  reading: ScanReading,
): { sku: string; qty: number; name: string } | null {
  const { products } = ctx.repos;
  if (reading.kind === 'invalid' || reading.kind === 'command') return null;
  for (const candidate of itemCodes(reading)) {
    const hit = products.resolveBarcode(candidate);
    if (hit) return hit;
  }
  // A SKU scanned off a shelf label counts as one unit; a GS1 scan names a GTIN, never a SKU.
  const product = reading.kind === 'gs1' ? null : products.bySku(reading.code);
  return product ? { sku: reading.code, qty: 1, name: product.name } : null;
}

/** Looks the scan up: barcode (or GS1 GTIN) → SKU; while a serial is awaited, an unknown code is that serial. */
export function scanFacts(
  ctx: PackContext,
  box: BoxState,
  reading: ScanReading,
  nameOf: (sku: string) => string,
): ScanFacts {
  const { sessions } = ctx.repos;
  if (reading.kind === 'invalid') return { kind: 'unknown', code: reading.code, reason: reading.reason };
  if (reading.kind === 'command') return { kind: 'unknown', code: '' };
  const gs1 = reading.kind === 'gs1' ? reading.gs1 : null;
  const hit = itemOf(ctx, reading);
  if (!hit && box.awaitingSerial) {
    const { sku } = box.awaitingSerial;
    return {
      kind: 'product',
      code: reading.code,
      sku,
      name: nameOf(sku),
      packQty: 1,
      serial: reading.code,
      batch: null,
      expiry: null,
      serialTaken: sessions.serialTaken(sku, reading.code),
    };
  }
  if (!hit) return { kind: 'unknown', code: reading.code };
  const serial = gs1?.serial ?? null;
  return {
    kind: 'product',
    code: reading.code,
    sku: hit.sku,
    name: hit.name,
    packQty: hit.qty,
    serial,
    batch: gs1?.batch ?? null,
    expiry: gs1?.expiry ?? null,
    serialTaken: serial ? sessions.serialTaken(hit.sku, serial) : false,
  };
}

/** What a box for this order must contain: its lines, kits expanded to their components, with weights and sizes. */
export function requirementsOf(ctx: PackContext, order: OrderRow): Requirement[] {
  const { products } = ctx.repos;
  const list: Requirement[] = [];
  for (const line of ctx.repos.orders.linesOf(order.id)) {
    const product = products.bySku(line.sku);
    const components = product ? products.kitComponents(line.sku) : [];
    if (components.length === 0) {
      list.push({
        key: `${line.line_no}:${line.sku}`,
        lineNo: line.line_no,
        sku: line.sku,
        name: product?.name ?? line.name ?? line.sku,
        required: line.qty,
        serialRequired: product?.serial_required === 1,
        unitWeightG: product?.unit_weight_g ?? null,
        dimsMm: dimsOf(product),
        category: product?.category ?? null,
        image: product?.image ?? null,
        kit: null,
      });
      continue;
    }
    for (const c of components) {
      const part = products.bySku(c.component_sku);
      list.push({
        key: `${line.line_no}:${c.component_sku}`,
        lineNo: line.line_no,
        sku: c.component_sku,
        name: part?.name ?? c.component_sku,
        required: c.qty * line.qty,
        serialRequired: part?.serial_required === 1,
        unitWeightG: part?.unit_weight_g ?? null,
        dimsMm: dimsOf(part),
        category: part?.category ?? null,
        image: part?.image ?? null,
        kit: {
          sku: line.sku,
          name: product!.name,
          perKit: c.qty,
          kitQty: line.qty,
          acceptKitBarcode: product!.kit_accepts_own_barcode === 1,
        },
      });
    }
  }
  return list;
}

/** The flyers and gifts this order gets. */
export function insertsOf(ctx: PackContext, order: OrderRow) {
  const skus = ctx.repos.orders.linesOf(order.id).map((l) => l.sku);
  return insertsFor({ shop: order.shop, skus, orderValueCents: order.order_value_cents }, ctx.config.inserts);
}
