import type { Config } from '../../config';
import {
  encodeLabel,
  labelDots,
  packingSlip,
  pdfToRaster,
  pngToRaster,
  renderFaceSheet,
  type Dpi,
  type LabelFormat,
  type LabelSize,
  type LabelThread,
} from '../../labels';
import type { NewPrintJob, OrderRow, Repos } from '../../store';
import { faceSheetFor, type CartonOnLabel } from './faceSheet';

export type { CartonOnLabel };

interface JobContext {
  repos: Repos;
  config: Config;
  now: () => Date;
  /** Where our own face sheets are drawn and encoded: the label thread, else here. */
  labels?: LabelThread | null;
}

interface Booked {
  carrier: string;
  waybillNo: string;
  markDestination: string | null;
  sortingCode: string | null;
  label: { format: string; data: Buffer } | null;
}

/** The face sheet job: the carrier's ZPL as is on a ZPL printer, its PNG rasterised, otherwise our own render. */
export async function labelJob(
  ctx: JobContext,
  sessionId: string,
  order: OrderRow,
  d: Booked,
  weightG: number | null,
  carton?: CartonOnLabel,
): Promise<NewPrintJob | null> {
  const printer = ctx.config.printers.label;
  if (!printer) return null;
  const language = printer.language;
  const base = { printer: 'label', language, kind: 'label', session_id: sessionId, waybill_no: d.waybillNo };
  if (d.label?.format === 'zpl' && language === 'zpl') return { ...base, payload: d.label.data };
  if (d.label?.format === 'pdf' && language === 'pdf') return { ...base, payload: d.label.data };
  const size = printer.size as LabelSize;
  const dpi = printer.dpi as Dpi;
  const format = language as LabelFormat;
  if (d.label?.format === 'png' || d.label?.format === 'pdf') {
    const raster =
      d.label.format === 'png'
        ? pngToRaster(d.label.data)
        : await pdfToRaster(d.label.data, labelDots(size, dpi).width, labelDots(size, dpi).height);
    return { ...base, payload: await encodeLabel(raster, format, size) };
  }
  const sheet = faceSheetFor(
    order,
    ctx.repos.orders.linesOf(order.id),
    {
      carrier: d.carrier,
      waybillNo: d.waybillNo,
      markDestination: d.markDestination,
      sortingCode: d.sortingCode,
      codCents: order.cod_cents,
    },
    ctx.config,
    weightG,
    ctx.now(),
    carton,
  );
  const here = () => encodeLabel(renderFaceSheet(sheet, size, dpi), format, size);
  // A label thread that failed does not cost the box its label: it is drawn here, and the next one tries the thread.
  const payload = ctx.labels
    ? await ctx.labels.call<Buffer>({ method: 'faceSheet', sheet, size, dpi, format }).catch(here)
    : await here();
  return { ...base, payload };
}

/** The packing slip for the receipt printer, when the bench has one (ESC/POS). */
export function slipJob(
  ctx: JobContext,
  sessionId: string,
  order: OrderRow,
  d: { carrier: string; waybillNo: string },
  weightG: number | null,
  carton?: CartonOnLabel,
): NewPrintJob | null {
  // The packing slip is ESC/POS for a receipt printer; a PDF (A4) slip printer takes the invoices of parcels abroad.
  if (ctx.config.printers.slip?.language !== 'escpos') return null;
  const lines =
    carton?.items ?? ctx.repos.orders.linesOf(order.id).map((l) => ({ name: l.name ?? l.sku, qty: l.qty }));
  const payload = packingSlip({
    shop: order.shop,
    orderNo: order.order_no,
    receiver: order.receiver_name ?? '',
    phone: order.receiver_phone ?? '',
    lines,
    waybillNo: d.waybillNo,
    carrier: d.carrier,
    weightG,
    printedAt: ctx.now(),
    stationId: ctx.config.station.id,
    ...(carton ? { carton: { no: carton.no, of: carton.of } } : {}),
  });
  return {
    printer: 'slip',
    language: 'escpos',
    kind: 'slip',
    session_id: sessionId,
    waybill_no: d.waybillNo,
    payload,
  };
}
