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
} from '../../labels';
import type { NewPrintJob, OrderRow, Repos } from '../../store';
import { faceSheetFor } from './faceSheet';

interface JobContext {
  repos: Repos;
  config: Config;
  now: () => Date;
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
): Promise<NewPrintJob | null> {
  const printer = ctx.config.printers.label;
  if (!printer) return null;
  const language = printer.language;
  const base = { printer: 'label', language, kind: 'label', session_id: sessionId, waybill_no: d.waybillNo };
  if (d.label?.format === 'zpl' && language === 'zpl') return { ...base, payload: d.label.data };
  if (d.label?.format === 'pdf' && language === 'pdf') return { ...base, payload: d.label.data };
  const raster =
    d.label?.format === 'png'
      ? pngToRaster(d.label.data)
      : d.label?.format === 'pdf'
        ? await pdfToRaster(
            d.label.data,
            labelDots(printer.size as LabelSize, printer.dpi as Dpi).width,
            labelDots(printer.size as LabelSize, printer.dpi as Dpi).height,
          )
        : renderFaceSheet(
            faceSheetFor(
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
            ),
            printer.size as LabelSize,
            printer.dpi as Dpi,
          );
  return { ...base, payload: await encodeLabel(raster, language as LabelFormat, printer.size as LabelSize) };
}

/** The packing slip for the receipt printer, when the bench has one. */
export function slipJob(
  ctx: JobContext,
  sessionId: string,
  order: OrderRow,
  d: { carrier: string; waybillNo: string },
  weightG: number | null,
): NewPrintJob | null {
  if (!ctx.config.printers.slip) return null;
  const lines = ctx.repos.orders.linesOf(order.id).map((l) => ({ name: l.name ?? l.sku, qty: l.qty }));
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
