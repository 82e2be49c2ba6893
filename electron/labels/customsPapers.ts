import type { PDFFont, PDFPage } from 'pdf-lib';
import { encodeLabel, type LabelFormat } from './encode';
import { labelDots, type Dpi, type LabelSize } from './model';
import { pdfToRaster } from './pdfRaster';
import { embedCjkFont } from './pdfFont';
import { barcodeModules, barRects } from './pen';

/** A party on a customs paper: the shipper or the buyer. */
export interface CustomsParty {
  name: string;
  company?: string | null;
  phone: string;
  address: string;
  city: string;
  province: string;
  postCode?: string | null;
  /** The country's English name (the code beside it). */
  country: string;
  taxId?: string | null;
}

/** What the CN22/CN23 and the commercial invoice say: the parcel, its parties and its checked declaration. */
export interface CustomsPaper {
  orderNo: string;
  waybillNo: string;
  carrier: string;
  date: Date;
  shipper: CustomsParty;
  buyer: CustomsParty;
  document: 'CN22' | 'CN23';
  incoterm: 'DDU' | 'DDP' | null;
  ioss: string | null;
  currency: string;
  grossWeightG: number;
  /** The declaration's lines (the carriers' shape; labels sit below carriers, so it is written out here). */
  items: {
    description: string;
    descriptionZh: string | null;
    hsCode: string;
    originCountry: string;
    qty: number;
    unitValueCents: number;
    netWeightG: number | null;
  }[];
}

const money = (cents: number) => (cents / 100).toFixed(2);
const kg = (g: number | null) => (g === null ? '-' : (g / 1000).toFixed(3));
/** The bench's local date (a customs paper is dated where it is signed, not in UTC). */
const day = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Text that fits a width: shortened with … rather than run into the next column. */
function fit(font: PDFFont, text: string, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let t = text;
  while (t.length > 1 && font.widthOfTextAtSize(`${t}…`, size) > width) t = t.slice(0, -1);
  return `${t}…`;
}

function partyLines(p: CustomsParty): string[] {
  return [
    p.company ? `${p.name}, ${p.company}` : p.name,
    p.address,
    [p.city, p.province, p.postCode].filter(Boolean).join(', '),
    p.country,
    `Tel ${p.phone}${p.taxId ? `   Tax ID ${p.taxId}` : ''}`,
  ];
}

/**
 * The customs declaration label (UPU CN22 up to 300 SDR, CN23 above), 100 × 150 mm for the label printer: sender,
 * addressee, category, every item with its quantity, net weight, value, HS code and origin, the totals, and the
 * sender's declaration with date and signature. Order text is drawn as glyphs, never as printer commands.
 */
export async function customsLabelPdf(p: CustomsPaper): Promise<Buffer> {
  const { PDFDocument, rgb } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const font = await embedCjkFont(doc, 'regular');
  const bold = await embedCjkFont(doc, 'bold');
  const W = 283;
  const H = 425;
  const page = doc.addPage([W, H]);
  const line = (y: number) =>
    page.drawLine({ start: { x: 8, y }, end: { x: W - 8, y }, thickness: 0.8, color: rgb(0, 0, 0) });
  const text = (t: string, x: number, y: number, size: number, f = font, width = W - x - 8) =>
    page.drawText(fit(f, t, size, width), { x, y, size, font: f });
  let y = H - 22;
  text(p.document, 10, y, 16, bold);
  text(
    p.document === 'CN22' ? 'CUSTOMS DECLARATION 报关签条' : 'CUSTOMS DECLARATION 报关单',
    62,
    y + 2,
    9,
    bold,
  );
  // The parcel's number as Code 128 (the waybill the declaration belongs to), vector bars: crisp at any dpi.
  const bars = barcodeModules('code128', p.waybillNo);
  const module = Math.min(1.2, (W - 20) / bars.columns);
  y -= 36;
  for (const r of barRects(bars, 10, y, module, 30))
    page.drawRectangle({ x: r.x, y: r.y, width: r.width, height: r.height, color: rgb(0, 0, 0) });
  y -= 12;
  text(`${p.carrier}  ${p.waybillNo}  ·  ${p.orderNo}`, 10, y, 8);
  line((y -= 6));
  for (const [title, party] of [
    ['From 寄件人', p.shipper],
    ['To 收件人', p.buyer],
  ] as const) {
    y -= 11;
    text(title, 10, y, 7.5, bold);
    for (const l of partyLines(party)) {
      y -= 9.5;
      text(l, 14, y, 7.5);
    }
    y -= 3;
  }
  line(y);
  y -= 11;
  text('Category 类别: Sale of goods 商品', 10, y, 7.5, bold);
  if (p.incoterm || p.ioss) text(`${p.incoterm ?? ''}${p.ioss ? `  IOSS ${p.ioss}` : ''}`, 170, y, 7.5, bold);
  line((y -= 5));
  y -= 10;
  const cols = [10, 130, 155, 190, 232] as const;
  for (const [i, h] of ['Description 品名', 'Qty', 'kg', `Value ${p.currency}`, 'HS / Origin'].entries())
    text(h, cols[i]!, y, 6.5, bold, (cols[i + 1] ?? W - 8) - cols[i]! - 2);
  for (const it of p.items.slice(0, 8)) {
    y -= 10;
    text(
      it.descriptionZh ? `${it.description} ${it.descriptionZh}` : it.description,
      cols[0],
      y,
      6.5,
      font,
      118,
    );
    text(String(it.qty), cols[1], y, 6.5);
    text(kg(it.netWeightG), cols[2], y, 6.5);
    text(money(it.unitValueCents * it.qty), cols[3], y, 6.5);
    text(`${it.hsCode} ${it.originCountry}`, cols[4], y, 6.5);
  }
  if (p.items.length > 8)
    text(`+ ${p.items.length - 8} more lines on the invoice 其余见发票`, 10, (y -= 10), 6.5);
  line((y -= 5));
  const total = p.items.reduce((n, i) => n + i.unitValueCents * i.qty, 0);
  y -= 11;
  text(`Total gross weight ${kg(p.grossWeightG)} kg`, 10, y, 7.5, bold);
  text(`Total value ${money(total)} ${p.currency}`, 160, y, 7.5, bold);
  y -= 14;
  for (const l of [
    'I certify that the particulars given in this declaration are correct and that',
    'this item does not contain any dangerous article prohibited by postal or',
    'customs regulations.',
    '兹证明以上申报内容属实，邮件内无邮政或海关法规禁止的危险物品。',
  ]) {
    text(l, 10, y, 6.8);
    y -= 9;
  }
  y -= 8;
  text(`Date 日期 ${day(p.date)}`, 10, y, 7.5);
  text('Signature 签名', 120, y, 7.5);
  // A drawn line to sign on (an underscore run is text with no ink of its own).
  page.drawLine({
    start: { x: 178, y: y - 1 },
    end: { x: W - 10, y: y - 1 },
    thickness: 0.6,
    color: rgb(0, 0, 0),
  });
  return Buffer.from(await doc.save());
}

/**
 * The commercial invoice (商业发票), A4, English with Chinese: seller and buyer (tax id, IOSS), the parcel, the
 * incoterm, every line with its HS code, origin, quantity, unit value and amount, the total, and a signature line.
 */
export async function commercialInvoicePdf(p: CustomsPaper): Promise<Buffer> {
  const { PDFDocument, rgb } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const font = await embedCjkFont(doc, 'regular');
  const bold = await embedCjkFont(doc, 'bold');
  const W = 595;
  const perPage = 22;
  const total = p.items.reduce((n, i) => n + i.unitValueCents * i.qty, 0);
  const pages = Math.max(1, Math.ceil(p.items.length / perPage));
  for (let n = 0; n < pages; n++) {
    const page: PDFPage = doc.addPage([W, 842]);
    const text = (t: string, x: number, y: number, size: number, f = font, width = W - x - 40) =>
      page.drawText(fit(f, t, size, width), { x, y, size, font: f });
    const rule = (y: number) =>
      page.drawLine({ start: { x: 40, y }, end: { x: W - 40, y }, thickness: 0.8, color: rgb(0, 0, 0) });
    let y = 800;
    text('COMMERCIAL INVOICE 商业发票', 40, y, 16, bold);
    text(`${n + 1}/${pages}`, W - 70, y, 9);
    y -= 20;
    text(
      `Invoice no. 发票号 ${p.orderNo}    Date 日期 ${day(p.date)}    Waybill 运单号 ${p.carrier} ${p.waybillNo}`,
      40,
      y,
      9,
    );
    y -= 13;
    text(
      `Terms 贸易条款 ${p.incoterm ?? '-'}    Currency 币种 ${p.currency}${p.ioss ? `    IOSS ${p.ioss}` : ''}    Reason for export 出口原因: Sale 销售`,
      40,
      y,
      9,
    );
    rule((y -= 8));
    const top = y;
    for (const [x, title, party] of [
      [40, 'Seller / Exporter 卖方 / 出口商', p.shipper],
      [310, 'Buyer / Consignee 买方 / 收货人', p.buyer],
    ] as const) {
      let yy = top - 14;
      text(title, x, yy, 9, bold, 245);
      for (const l of partyLines(party)) {
        yy -= 12;
        text(l, x, yy, 9, font, 245);
      }
    }
    y = top - 88;
    rule(y);
    y -= 14;
    const cols = [40, 62, 262, 322, 362, 392, 452] as const;
    for (const [i, h] of [
      '#',
      'Description 品名',
      'HS code',
      'Origin',
      'Qty',
      'Unit 单价',
      'Amount 金额',
    ].entries())
      text(h, cols[i]!, y, 8.5, bold, (cols[i + 1] ?? W - 40) - cols[i]! - 3);
    p.items.slice(n * perPage, (n + 1) * perPage).forEach((it, i) => {
      y -= 13;
      const row = [
        String(n * perPage + i + 1),
        it.descriptionZh ? `${it.description} / ${it.descriptionZh}` : it.description,
        it.hsCode,
        it.originCountry,
        String(it.qty),
        money(it.unitValueCents),
        money(it.unitValueCents * it.qty),
      ];
      row.forEach((t, c) => text(t, cols[c]!, y, 8.5, font, (cols[c + 1] ?? W - 40) - cols[c]! - 3));
    });
    if (n === pages - 1) {
      rule((y -= 8));
      y -= 14;
      const net = p.items.reduce((g, i) => g + (i.netWeightG ?? 0), 0);
      text(`Net weight 净重 ${kg(net)} kg    Gross weight 毛重 ${kg(p.grossWeightG)} kg`, 40, y, 9);
      text(`Total 合计 ${money(total)} ${p.currency}`, 392, y, 10, bold);
      y -= 28;
      text(
        'I declare that the information on this invoice is true and correct. 本人声明以上内容真实无误。',
        40,
        y,
        9,
      );
      y -= 36;
      text('Signature 签名', 40, y, 9);
      // A drawn line to sign on (an underscore run is text with no ink of its own).
      page.drawLine({
        start: { x: 112, y: y - 1 },
        end: { x: 262, y: y - 1 },
        thickness: 0.6,
        color: rgb(0, 0, 0),
      });
      text(`Name 姓名 ${p.shipper.name}    Date 日期 ${day(p.date)}`, 280, y, 9);
    }
  }
  return Buffer.from(await doc.save());
}

/** The printers a parcel's papers go to: the label printer (any language), and an A4 PDF printer for the invoice. */
export interface PaperPrinters {
  label: { size: LabelSize; dpi: Dpi; language: LabelFormat } | null;
  invoice: boolean;
}

/**
 * A parcel's customs papers ready for its printers: the CN22/CN23 in the label printer's language (its PDF as is on
 * a PDF printer, else drawn into its dots), the commercial invoice as PDF. Runs on the label thread.
 */
export async function customsPapers(
  paper: CustomsPaper,
  to: PaperPrinters,
): Promise<{ label: Buffer | null; invoice: Buffer | null }> {
  let label: Buffer | null = null;
  if (to.label) {
    const pdf = await customsLabelPdf(paper);
    const dots = labelDots(to.label.size, to.label.dpi);
    label =
      to.label.language === 'pdf'
        ? pdf
        : await encodeLabel(
            await pdfToRaster(pdf, dots.width, dots.height),
            to.label.language,
            to.label.size,
          );
  }
  return { label, invoice: to.invoice ? await commercialInvoicePdf(paper) : null };
}
