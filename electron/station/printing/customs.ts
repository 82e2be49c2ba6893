import type { CustomsDeclaration } from '../../carriers';
import type { Config } from '../../config';
import { countryName } from '../../customs';
import {
  commercialInvoicePdf,
  customsLabelPdf,
  encodeLabel,
  labelDots,
  pdfToRaster,
  type CustomsPaper,
  type Dpi,
  type LabelFormat,
  type LabelSize,
} from '../../labels';
import type { NewPrintJob, OrderRow } from '../../store';

/** The CN22/CN23 and the invoice of a parcel abroad: its parties from the config and the order, its checked declaration. */
export function customsPaperOf(
  config: Config,
  order: OrderRow,
  c: CustomsDeclaration,
  parcel: { carrier: string; waybillNo: string; grossWeightG: number; date: Date },
): CustomsPaper {
  const s = config.shipper;
  const from = config.customs.from;
  return {
    orderNo: order.order_no,
    waybillNo: parcel.waybillNo,
    carrier: parcel.carrier,
    date: parcel.date,
    shipper: {
      name: s.name,
      company: s.company ?? null,
      phone: s.phone,
      address: `${s.district} ${s.address}`.trim(),
      city: s.city,
      province: s.province,
      postCode: s.postCode ?? null,
      country: `${countryName(from)} (${from})`,
    },
    buyer: {
      name: order.receiver_name ?? '',
      phone: order.receiver_phone ?? '',
      address: [order.district, order.address].filter(Boolean).join(' '),
      city: order.city ?? '',
      province: order.province ?? '',
      country: `${countryName(c.destination)} (${c.destination})`,
      taxId: c.buyerTaxId,
    },
    document: c.document,
    incoterm: c.incoterm,
    ioss: c.ioss,
    currency: c.currency,
    grossWeightG: parcel.grossWeightG,
    items: c.items.map((i) => ({
      description: i.description,
      descriptionZh: i.descriptionZh,
      hsCode: i.hsCode,
      originCountry: i.originCountry,
      qty: i.qty,
      unitValueCents: i.unitValueCents,
      netWeightG: i.netWeightG,
    })),
  };
}

/**
 * A parcel abroad prints its CN22/CN23 on the label printer (after its face sheet) and `customs.invoiceCopies`
 * commercial invoices on the slip printer when that one prints PDF (an A4 printer); a receipt printer gets none (the
 * invoice is one command away: `packbench label render --document invoice`).
 */
export async function customsJobs(
  config: Config,
  sessionId: string,
  paper: CustomsPaper,
): Promise<NewPrintJob[]> {
  const jobs: NewPrintJob[] = [];
  const base = { session_id: sessionId, waybill_no: paper.waybillNo };
  const label = config.printers.label;
  if (label) {
    const pdf = await customsLabelPdf(paper);
    const size = label.size as LabelSize;
    const dots = labelDots(size, label.dpi as Dpi);
    const payload =
      label.language === 'pdf'
        ? pdf
        : await encodeLabel(
            await pdfToRaster(pdf, dots.width, dots.height),
            label.language as LabelFormat,
            size,
          );
    jobs.push({ ...base, printer: 'label', language: label.language, kind: 'customs', payload });
  }
  const slip = config.printers.slip;
  if (slip?.language === 'pdf' && config.customs.invoiceCopies > 0) {
    const invoice = await commercialInvoicePdf(paper);
    for (let i = 0; i < config.customs.invoiceCopies; i++)
      jobs.push({ ...base, printer: 'slip', language: 'pdf', kind: 'invoice', payload: invoice });
  }
  return jobs;
}
