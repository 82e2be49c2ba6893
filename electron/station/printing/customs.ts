import type { CustomsDeclaration } from '../../carriers';
import type { Config } from '../../config';
import { countryName } from '../../customs';
import {
  customsPapers,
  type CustomsPaper,
  type Dpi,
  type LabelFormat,
  type LabelSize,
  type LabelThread,
  type PaperPrinters,
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
 * invoice is one command away: `packbench label render --document invoice`). Drawn on the label thread (a PDF and its
 * font each), here when there is none.
 */
export async function customsJobs(
  config: Config,
  labels: LabelThread | null,
  sessionId: string,
  paper: CustomsPaper,
): Promise<NewPrintJob[]> {
  const label = config.printers.label;
  const slip = config.printers.slip;
  const to: PaperPrinters = {
    label: label
      ? { size: label.size as LabelSize, dpi: label.dpi as Dpi, language: label.language as LabelFormat }
      : null,
    invoice: slip?.language === 'pdf' && config.customs.invoiceCopies > 0,
  };
  const here = () => customsPapers(paper, to);
  const made = labels
    ? await labels
        .call<{ label: Uint8Array | null; invoice: Uint8Array | null }>({
          method: 'customsPapers',
          paper,
          to,
        })
        .catch(here)
    : await here();
  const base = { session_id: sessionId, waybill_no: paper.waybillNo };
  const jobs: NewPrintJob[] = [];
  if (made.label && label)
    jobs.push({
      ...base,
      printer: 'label',
      language: label.language,
      kind: 'customs',
      payload: Buffer.from(made.label),
    });
  if (made.invoice)
    for (let i = 0; i < config.customs.invoiceCopies; i++)
      jobs.push({
        ...base,
        printer: 'slip',
        language: 'pdf',
        kind: 'invoice',
        payload: Buffer.from(made.invoice),
      });
  return jobs;
}
