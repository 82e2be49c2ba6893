import { faceFor } from './glyphs';
import {
  barcodeModules,
  barRects,
  printable,
  textWidth,
  type Anchor,
  type Bars,
  type Ink,
  type Pen,
} from './pen';
import { DotPen } from './dots';
import type { Raster } from './raster';
import { labelDots, maskPhone, type Dpi, type FaceSheet, type LabelSize } from './model';

export const FONT_REGULAR = 'Noto Sans SC';

/** Text from an order goes into the SVG as text, never markup. */
export const xml = (s: string) =>
  s
    .replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** Width of a string in ems: CJK and full-width characters are 1, the rest about 0.55. */
const ems = (s: string) => [...s].reduce((w, c) => w + (/[\u1100-\uffff]/.test(c) ? 1 : 0.56), 0);

/** Greedy wrap to a width, at most `maxLines` lines (the last one ellipsised). */
export function wrap(text: string, widthDots: number, sizeDots: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text.replace(/\s+/g, ' ')) {
    if (ems(line + ch) * sizeDots > widthDots) {
      lines.push(line);
      line = ch.trimStart();
      if (lines.length === maxLines) break;
    } else line += ch;
  }
  if (lines.length < maxLines && line) lines.push(line);
  if (lines.length === maxLines && ems(lines.join('')) < ems(text.replace(/\s+/g, ' ')) - 0.5)
    lines[maxLines - 1] = lines[maxLines - 1]!.slice(0, -1) + '…';
  return lines;
}

/** Text as glyph outlines: what an order says is never markup and never reaches a printer as text. */
function textOutline(
  x: number,
  y: number,
  size: number,
  s: string,
  bold = false,
  anchor: 'start' | 'middle' | 'end' = 'start',
  fill = '#000',
): string {
  return faceFor(s, bold).svg(printable(s), x, y, size, anchor, fill);
}

/** The SVG pen: the same drawing as the dots, for previews and side-by-side comparisons. */
export class SvgPen implements Pen {
  private out: string[] = [];

  constructor(
    private readonly width: number,
    private readonly height: number,
  ) {}

  rect(x: number, y: number, width: number, height: number, ink: Ink = '#000'): void {
    this.out.push(`<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="${ink}"/>`);
  }

  text(
    x: number,
    y: number,
    size: number,
    s: string,
    bold = false,
    anchor: Anchor = 'start',
    ink: Ink = '#000',
  ) {
    this.out.push(textOutline(x, y, size, s, bold, anchor, ink));
  }

  bars(bars: Bars, x: number, y: number, moduleDots: number, height: number): void {
    const d = [...barRects(bars, x, y, moduleDots, height)].map(
      (r) => `M${r.x} ${r.y}h${r.width}v${r.height}h${-r.width}z`,
    );
    this.out.push(`<path shape-rendering="crispEdges" d="${d.join('')}"/>`);
  }

  toString(): string {
    const { width: W, height: H } = this;
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><rect width="${W}" height="${H}" fill="#fff"/>${this.out.join('')}</svg>`;
  }
}

const money = (cents: number) => `¥${(cents / 100).toFixed(2)}`;

/** The face sheet as SVG in printer dots (1 SVG unit = 1 dot). */
export function faceSheetSvg(sheet: FaceSheet, size: LabelSize, dpi: Dpi): string {
  const { width, height } = labelDots(size, dpi);
  const pen = new SvgPen(width, height);
  drawFaceSheet(sheet, size, dpi, pen);
  return pen.toString();
}

/** The face sheet as the printer's 1-bit raster, drawn straight into the dots. */
export function faceSheetDots(sheet: FaceSheet, size: LabelSize, dpi: Dpi): Raster {
  const { width, height } = labelDots(size, dpi);
  const pen = new DotPen(width, height);
  drawFaceSheet(sheet, size, dpi, pen);
  return pen.raster;
}

/** The face sheet's layout in printer dots, drawn with either pen. */
function drawFaceSheet(sheet: FaceSheet, size: LabelSize, dpi: Dpi, pen: Pen): void {
  const { width: W, height: H } = labelDots(size, dpi);
  const mm = dpi === 203 ? 8 : 12; // dots per mm, as the printers count them (see labelDots)
  const u = W / (100 * mm); // layout is drawn for 100 mm wide; narrower labels shrink text, not barcodes' modules
  const d = (v: number) => Math.round(v * mm * u);
  const pad = d(3);
  const text = pen.text.bind(pen);
  const rule = (y: number, thick = 3) => pen.rect(0, y, W, thick);
  const extraH = H - (W * 150) / 100; // taller labels give the extra room to the items
  // 1. carrier, COD / insurance marks
  text(pad, d(8), d(5.5), sheet.carrier, true);
  const marks: string[] = [];
  if (sheet.codCents) marks.push(`代收 ${money(sheet.codCents)}`);
  if (sheet.insuredCents) marks.push(`保价 ${money(sheet.insuredCents)}`);
  if (marks.length) {
    const label = marks.join('  ');
    const bw = Math.round(textWidth(label, d(4), true) + 2 * d(1.5));
    pen.rect(W - pad - bw, d(2), bw, d(7.5));
    text(W - pad - d(1.5), d(7.8), d(4), label, true, 'end', '#fff');
  }
  // One carton of several: its number large in the middle, where the courier counts the pieces.
  if (sheet.piece)
    text(Math.round(W / 2), d(8.5), d(6.5), `${sheet.piece.no}/${sheet.piece.of}`, true, 'middle');
  rule(d(11));
  // 2. 大头笔 and sorting code
  text(pad, d(24), d(11), sheet.markDestination ?? '', true);
  if (sheet.sortingCode) text(W - pad, d(24), d(7), sheet.sortingCode, true, 'end');
  rule(d(28));
  // 3. waybill barcode and digits
  const moduleDots = dpi === 203 ? 3 : 4;
  const code = barcodeModules('code128', sheet.waybillNo);
  const module = code.columns * moduleDots > W - 2 * pad ? moduleDots - 1 : moduleDots;
  pen.bars(code, Math.floor((W - code.columns * module) / 2), d(31), module, d(17));
  text(Math.round(W / 2), d(53), d(4.2), sheet.waybillNo.replace(/(.{4})/g, '$1 ').trim(), true, 'middle');
  rule(d(56));
  // 4. receiver
  text(pad, d(62), d(4), '收', true);
  text(pad + d(7), d(62), d(4.5), `${sheet.receiver.name}  ${maskPhone(sheet.receiver.phone)}`, true);
  wrap(sheet.receiver.address, W - pad - d(10), d(3.8), 3).forEach((l, i) =>
    text(pad + d(7), d(68) + i * d(4.8), d(3.8), l),
  );
  rule(d(83), 2);
  // 5. sender
  text(pad, d(88), d(3.5), '寄', true);
  text(pad + d(7), d(88), d(3.5), `${sheet.sender.name}  ${maskPhone(sheet.sender.phone)}`);
  wrap(sheet.sender.address, W - pad - d(10), d(3), 2).forEach((l, i) =>
    text(pad + d(7), d(93) + i * d(4), d(3), l),
  );
  rule(d(101), 2);
  // 6. order, items, weight | QR
  // Square modules of whole dots, about 1 mm: a 21-module code is 21 mm across.
  const qrModule = dpi === 203 ? 8 : 12;
  const qrCode = barcodeModules('qrcode', sheet.qr);
  const qr = { width: qrCode.columns * qrModule };
  const qx = W - pad - qr.width;
  const qy = d(104);
  pen.bars(qrCode, qx, qy, qrModule, qr.width);
  const colW = qx - 2 * pad;
  text(pad, d(107), d(3.5), `订单 ${sheet.orderNo}`, true);
  const itemLines = Math.max(2, 4 + Math.floor(extraH / d(4)));
  wrap(sheet.items, colW, d(3), itemLines).forEach((l, i) => text(pad, d(112) + i * d(3.9), d(3), l));
  // One carton of several: 第 2/3 件 large beside the weight, where the courier counts the pieces.
  const piece = sheet.piece ? `第 ${sheet.piece.no}/${sheet.piece.of} 件  ` : '';
  if (sheet.weightG !== null || piece)
    text(
      pad,
      Math.max(d(112) + itemLines * d(3.9) + d(2), qy + qr.width - d(1)),
      piece ? d(5.5) : d(4),
      `${piece}${sheet.weightG !== null ? `${(sheet.weightG / 1000).toFixed(2)} kg` : ''}`,
      true,
    );
  // 7. footer
  const foot = H - d(4);
  rule(foot - d(5), 2);
  const stamp = sheet.printedAt.toISOString().replace('T', ' ').slice(0, 16);
  text(pad, foot, d(2.8), `${sheet.stationId}  ${stamp}`);
  const master = sheet.piece?.master;
  text(W - pad, foot, d(2.8), master ? `母单 ${master}` : sheet.waybillNo, master ? true : false, 'end');
}
